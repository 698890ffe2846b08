#include "tensor_inventory.h"

namespace headroom {

const char* to_string(TensorClass cls) {
  switch (cls) {
    case TensorClass::token_embedding: return "token_embd";
    case TensorClass::output_head: return "output";
    case TensorClass::output_norm: return "output_norm";
    case TensorClass::attn_norm: return "attn_norm";
    case TensorClass::attn_q: return "attn_q";
    case TensorClass::attn_k: return "attn_k";
    case TensorClass::attn_v: return "attn_v";
    case TensorClass::attn_output: return "attn_output";
    case TensorClass::attn_bias: return "attn_bias";
    case TensorClass::attn_q_norm: return "attn_q_norm";
    case TensorClass::attn_k_norm: return "attn_k_norm";
    case TensorClass::ffn_norm: return "ffn_norm";
    case TensorClass::ffn_gate: return "ffn_gate";
    case TensorClass::ffn_up: return "ffn_up";
    case TensorClass::ffn_down: return "ffn_down";
    case TensorClass::ffn_gate_inp: return "ffn_gate_inp";
    case TensorClass::ffn_gate_exps: return "ffn_gate_exps";
    case TensorClass::ffn_up_exps: return "ffn_up_exps";
    case TensorClass::ffn_down_exps: return "ffn_down_exps";
    case TensorClass::ffn_gate_shexp: return "ffn_gate_shexp";
    case TensorClass::ffn_up_shexp: return "ffn_up_shexp";
    case TensorClass::ffn_down_shexp: return "ffn_down_shexp";
  }
  return "?";
}

bool is_routed_expert(TensorClass cls) {
  return cls == TensorClass::ffn_gate_exps || cls == TensorClass::ffn_up_exps || cls == TensorClass::ffn_down_exps;
}

namespace {

std::string block_name(int layer, const char* what) { return "blk." + std::to_string(layer) + "." + what; }

void add_attention(std::vector<TensorInfo>& out, const ModelSpec& s, int il) {
  const std::int64_t q_dim = s.num_attention_heads * s.head_dim;
  const std::int64_t kv_dim = s.num_key_value_heads * s.head_dim;
  out.push_back({block_name(il, "attn_norm.weight"), TensorClass::attn_norm, il, s.hidden_size, 1});
  out.push_back({block_name(il, "attn_q.weight"), TensorClass::attn_q, il, s.hidden_size, q_dim});
  out.push_back({block_name(il, "attn_k.weight"), TensorClass::attn_k, il, s.hidden_size, kv_dim});
  out.push_back({block_name(il, "attn_v.weight"), TensorClass::attn_v, il, s.hidden_size, kv_dim});
  out.push_back({block_name(il, "attn_output.weight"), TensorClass::attn_output, il, q_dim, s.hidden_size});
  if (s.qk_norm) {
    out.push_back({block_name(il, "attn_q_norm.weight"), TensorClass::attn_q_norm, il, s.head_dim, 1});
    out.push_back({block_name(il, "attn_k_norm.weight"), TensorClass::attn_k_norm, il, s.head_dim, 1});
  }
  if (s.attention_bias) {
    out.push_back({block_name(il, "attn_q.bias"), TensorClass::attn_bias, il, q_dim, 1});
    out.push_back({block_name(il, "attn_k.bias"), TensorClass::attn_bias, il, kv_dim, 1});
    out.push_back({block_name(il, "attn_v.bias"), TensorClass::attn_bias, il, kv_dim, 1});
  }
}

void add_dense_ffn(std::vector<TensorInfo>& out, const ModelSpec& s, int il) {
  out.push_back({block_name(il, "ffn_norm.weight"), TensorClass::ffn_norm, il, s.hidden_size, 1});
  out.push_back({block_name(il, "ffn_gate.weight"), TensorClass::ffn_gate, il, s.hidden_size, s.intermediate_size});
  out.push_back({block_name(il, "ffn_up.weight"), TensorClass::ffn_up, il, s.hidden_size, s.intermediate_size});
  out.push_back({block_name(il, "ffn_down.weight"), TensorClass::ffn_down, il, s.intermediate_size, s.hidden_size});
}

// Experts are stored as one 3-D tensor per projection (GGUF's *_exps), rows of all experts stacked.
void add_moe_ffn(std::vector<TensorInfo>& out, const ModelSpec& s, int il) {
  const std::int64_t n = s.num_experts, ff = s.moe_intermediate_size;
  out.push_back({block_name(il, "ffn_norm.weight"), TensorClass::ffn_norm, il, s.hidden_size, 1});
  out.push_back({block_name(il, "ffn_gate_inp.weight"), TensorClass::ffn_gate_inp, il, s.hidden_size, n});
  out.push_back({block_name(il, "ffn_gate_exps.weight"), TensorClass::ffn_gate_exps, il, s.hidden_size, ff * n});
  out.push_back({block_name(il, "ffn_up_exps.weight"), TensorClass::ffn_up_exps, il, s.hidden_size, ff * n});
  out.push_back({block_name(il, "ffn_down_exps.weight"), TensorClass::ffn_down_exps, il, ff, s.hidden_size * n});
  if (const std::int64_t sff = s.shared_expert_intermediate_size; sff > 0) {
    out.push_back({block_name(il, "ffn_gate_shexp.weight"), TensorClass::ffn_gate_shexp, il, s.hidden_size, sff});
    out.push_back({block_name(il, "ffn_up_shexp.weight"), TensorClass::ffn_up_shexp, il, s.hidden_size, sff});
    out.push_back({block_name(il, "ffn_down_shexp.weight"), TensorClass::ffn_down_shexp, il, sff, s.hidden_size});
  }
}

}  // namespace

std::vector<TensorInfo> build_inventory(const ModelSpec& s) {
  std::vector<TensorInfo> out;
  out.reserve(std::size_t(s.num_hidden_layers) * 12 + 3);
  out.push_back({"token_embd.weight", TensorClass::token_embedding, -1, s.hidden_size, s.vocab_size});
  for (int il = 0; il < int(s.num_hidden_layers); ++il) {
    add_attention(out, s, il);
    if (s.is_moe_layer(il)) add_moe_ffn(out, s, il);
    else add_dense_ffn(out, s, il);
  }
  out.push_back({"output_norm.weight", TensorClass::output_norm, -1, s.hidden_size, 1});
  // Tied models reuse token_embd as the output projection: no tensor of their own.
  if (!s.tie_word_embeddings)
    out.push_back({"output.weight", TensorClass::output_head, -1, s.hidden_size, s.vocab_size});
  return out;
}

ParameterCount count_parameters(const std::vector<TensorInfo>& inventory, const ModelSpec& spec) {
  ParameterCount n;
  std::int64_t experts = 0;
  for (const auto& t : inventory) {
    n.total += t.elements();
    if (t.routed_expert()) experts += t.elements();
  }
  // Each routed tensor stacks num_experts equal slices; a token uses num_experts_per_tok of them.
  const std::int64_t active_experts = spec.is_moe() ? experts / spec.num_experts * spec.num_experts_per_tok : 0;
  n.active = n.total - experts + active_experts;
  return n;
}

}  // namespace headroom
