// "How this is calculated" for the memory of engines other than llama.cpp: vLLM's KV budget and
// mlx-lm's and Transformers' working peaks, read from their layouts in the Estimate.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace headroom::ui {

void vllm_memory(const AppState& state, const Estimate& e, const Fonts& fonts);          // KV, compute, overhead
void mlx_memory(const AppState& state, const Estimate& e, const Fonts& fonts);           // compute, overhead
void transformers_memory(const AppState& state, const Estimate& e, const Fonts& fonts);  // compute, overhead

}  // namespace headroom::ui
