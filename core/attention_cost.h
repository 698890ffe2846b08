// Attention FLOPs per token: what one query multiplies against a layer's cached keys and values.
// Only the layers that keep past tokens grow with context, each by its own rule:
//   full         every past token;
//   sliding      the last sliding_window tokens (Llama 4: those of the current chunk);
//   compressed   DeepSeek-V4: its window, plus every compressed entry (ratio 128); at ratio 4
//                the engine's sparse kernel attends to the index_topk entries the lightning
//                indexer picks (sparse_topk_only), or every entry under a mask (llama.cpp); the
//                indexer itself scores every ratio-4 entry (index_n_heads x index_head_dim);
//   linear, ssm, conv, none   a fixed state: nothing that grows (their projections are in the
//                matmul parameters).
// Per attended key: QK^T and AV, 2 FLOPs per multiply-add, per query head. MLA runs either
// absorbed (keys of kv_lora_rank + rope dims, values of kv_lora_rank: 3.4x the FLOPs for
// DeepSeek-V3) or expanded to per-head keys and values (qk_nope + rope, v_head_dim); which, is
// the engine's (engines.json "attention").
#pragma once

#include <cstdint>
#include <span>

#include "engine.h"  // AttentionKernels
#include "model_spec.h"

namespace headroom {

// One token at `position` tokens of context (decode).
double attention_flops_at(const ModelSpec& s, const LayerSpec& l, double position, const AttentionKernels& k);

// The mean over a causal prompt of `tokens` tokens: token p attends to what is before it.
double mean_attention_flops(const ModelSpec& s, const LayerSpec& l, double tokens, const AttentionKernels& k);

// Either, summed over the given blocks (indices into s.layers).
double attention_flops_at(const ModelSpec& s, std::span<const std::int64_t> blocks, double position, const AttentionKernels& k);
double mean_attention_flops(const ModelSpec& s, std::span<const std::int64_t> blocks, double tokens, const AttentionKernels& k);

}  // namespace headroom
