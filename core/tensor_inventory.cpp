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
    case TensorClass::ffn_norm: return "ffn_norm";
    case TensorClass::ffn_gate: return "ffn_gate";
    case TensorClass::ffn_up: return "ffn_up";
    case TensorClass::ffn_down: return "ffn_down";
  }
  return "?";
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

}  // namespace

std::vector<TensorInfo> build_inventory(const ModelSpec& s) {
  std::vector<TensorInfo> out;
  out.reserve(std::size_t(s.num_hidden_layers) * 12 + 3);
  out.push_back({"token_embd.weight", TensorClass::token_embedding, -1, s.hidden_size, s.vocab_size});
  for (int il = 0; il < int(s.num_hidden_layers); ++il) {
    add_attention(out, s, il);
    add_dense_ffn(out, s, il);
  }
  out.push_back({"output_norm.weight", TensorClass::output_norm, -1, s.hidden_size, 1});
  // Tied models reuse token_embd as the output projection: no tensor of their own.
  if (!s.tie_word_embeddings)
    out.push_back({"output.weight", TensorClass::output_head, -1, s.hidden_size, s.vocab_size});
  return out;
}

ParameterCount count_parameters(const std::vector<TensorInfo>& inventory) {
  ParameterCount n;
  for (const auto& t : inventory) n.total += t.elements();
  n.active = n.total;
  return n;
}

}  // namespace headroom
