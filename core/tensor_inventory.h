// Every weight tensor of a model, derived from its ModelSpec. Parameter counts, quantized sizes,
// layer offload and per-device splits are all sums over this list. Names follow GGUF
// ("blk.3.attn_q.weight") so quantization rules and GGUF imports speak the same language.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model_spec.h"

namespace headroom {

enum class TensorClass {
  token_embedding,
  output_head,
  output_norm,
  attn_norm,
  attn_q,
  attn_k,
  attn_v,
  attn_output,
  attn_bias,
  attn_q_norm,
  attn_k_norm,
  ffn_norm,
  ffn_gate,
  ffn_up,
  ffn_down,
  ffn_gate_inp,  // the MoE router
  ffn_gate_exps,
  ffn_up_exps,
  ffn_down_exps,
  ffn_gate_shexp,
  ffn_up_shexp,
  ffn_down_shexp,
};

// Routed experts: only num_experts_per_tok of num_experts take part in a token.
bool is_routed_expert(TensorClass cls);

const char* to_string(TensorClass cls);

struct TensorInfo {
  std::string name;
  TensorClass cls;
  int layer;              // block index, -1 for tensors outside the repeated blocks
  std::int64_t row;       // ne0: elements per row (the quantized dimension)
  std::int64_t rows;      // product of the other dimensions (1 for vectors)
  std::int64_t elements() const { return row * rows; }
  bool routed_expert() const { return is_routed_expert(cls); }
  bool is_vector() const { return rows == 1; }
};

std::vector<TensorInfo> build_inventory(const ModelSpec& spec);

struct ParameterCount {
  std::int64_t total = 0;
  std::int64_t active = 0;  // taking part in each token (dense: all; MoE: the routed few)
};
ParameterCount count_parameters(const std::vector<TensorInfo>& inventory, const ModelSpec& spec);

}  // namespace headroom
