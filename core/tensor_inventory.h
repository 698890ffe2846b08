// Every weight tensor of a model, derived from its ModelSpec. Parameter counts, quantized sizes,
// layer offload and per-device splits are all sums over this list. Names follow GGUF
// ("blk.3.attn_q.weight") so quantization rules and GGUF imports speak the same language.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model_spec.h"

namespace headroom {

enum class TensorClass {
  token_embedding,
  output_head,
  output_norm,
  norm,  // any RMS norm inside a block
  attn_q,
  attn_k,
  attn_v,
  attn_output,
  attn_sinks,
  attn_q_a,  // MLA low-rank q (down) projection
  attn_q_b,  //   and its up projection
  attn_kv_a_mqa,
  attn_kv_b,
  attn_compressor,      // DeepSeek-V4 KV compressor projections
  attn_compressor_ape,  //   and its position table
  attn_indexer,         // DeepSeek-V4 lightning indexer q projection
  attn_indexer_proj,    //   and its head weights
  hyper_connection,     // DeepSeek-V4 hyper-connection mixing
  mtp_proj,             // multi-token-prediction input projections
  ssm_in,               // linear-attention / Mamba-2 input projections
  ssm_conv1d,           //   their short convolution (llama.cpp keeps it F32)
  ssm_out,              //   and output projection
  ffn_gate,
  ffn_up,
  ffn_down,
  ffn_gate_inp,  // the MoE router
  exp_probs_b,   // the router's per-expert score bias
  expert_hash,   // DeepSeek-V4 hash layers: token id -> experts
  ffn_gate_exps,
  ffn_up_exps,
  ffn_down_exps,
  ffn_gate_shexp,
  ffn_up_shexp,
  ffn_down_shexp,  // last: kTensorClassCount counts up to here
};
inline constexpr std::size_t kTensorClassCount = std::size_t(TensorClass::ffn_down_shexp) + 1;

const char* to_string(TensorClass cls);

// Routed experts: only num_experts_per_tok of num_experts take part in a token.
bool is_routed_expert(TensorClass cls);

struct TensorInfo {
  std::string name;
  TensorClass cls;
  int layer;              // block index, -1 for tensors outside the repeated blocks
  std::int64_t row;       // ne0: elements per row (the quantized dimension)
  std::int64_t rows;      // product of the other dimensions (1 for vectors)
  std::int64_t elements() const { return row * rows; }
  bool is_vector() const { return rows == 1; }
  bool is_bias() const { return name.ends_with(".bias"); }
  bool routed_expert() const { return is_routed_expert(cls); }
};

// `with_mtp`: also the multi-token-prediction layers (checkpoints keep them, GGUFs do not);
// they are numbered after the last block.
std::vector<TensorInfo> build_inventory(const ModelSpec& spec, bool with_mtp = false);

struct ParameterCount {
  std::int64_t total = 0;
  std::int64_t active = 0;  // taking part in each token (dense: all; MoE: the routed few)
};
ParameterCount count_parameters(const std::vector<TensorInfo>& inventory, const ModelSpec& spec);

}  // namespace headroom
