#include "tensor_inventory.h"

namespace headroom {

const char* to_string(TensorClass cls) {
  switch (cls) {
    case TensorClass::token_embedding: return "token_embd";
    case TensorClass::output_head: return "output";
    case TensorClass::output_norm: return "output_norm";
    case TensorClass::norm: return "norm";
    case TensorClass::attn_q: return "attn_q";
    case TensorClass::attn_k: return "attn_k";
    case TensorClass::attn_v: return "attn_v";
    case TensorClass::attn_output: return "attn_output";
    case TensorClass::attn_sinks: return "attn_sinks";
    case TensorClass::attn_q_a: return "attn_q_a";
    case TensorClass::attn_q_b: return "attn_q_b";
    case TensorClass::attn_kv_a_mqa: return "attn_kv_a_mqa";
    case TensorClass::attn_kv_b: return "attn_kv_b";
    case TensorClass::ffn_gate: return "ffn_gate";
    case TensorClass::ffn_up: return "ffn_up";
    case TensorClass::ffn_down: return "ffn_down";
    case TensorClass::ffn_gate_inp: return "ffn_gate_inp";
    case TensorClass::exp_probs_b: return "exp_probs_b";
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

// Appends one block's tensors; `il` names them blk.<il>.*.
class BlockBuilder {
 public:
  BlockBuilder(std::vector<TensorInfo>& out, const ModelSpec& s, int il) : out_(out), s_(s), il_(il) {}

  void add(const char* what, TensorClass cls, std::int64_t row, std::int64_t rows = 1) {
    out_.push_back({"blk." + std::to_string(il_) + "." + what, cls, il_, row, rows});
  }
  void norm(const char* what, std::int64_t width) { add(what, TensorClass::norm, width); }

  void pre_norm(const char* pre, const char* post) {
    if (s_.norm_style != NormStyle::post) norm(pre, s_.hidden_size);
    if (s_.norm_style != NormStyle::pre) norm(post, s_.hidden_size);
  }

  void attention() {
    pre_norm("attn_norm.weight", "attn_post_norm.weight");
    if (s_.is_mla()) return mla();
    const std::int64_t q_dim = s_.num_attention_heads * s_.head_dim;
    const std::int64_t kv_dim = s_.num_key_value_heads * s_.head_dim;
    add("attn_q.weight", TensorClass::attn_q, s_.hidden_size, q_dim);
    add("attn_k.weight", TensorClass::attn_k, s_.hidden_size, kv_dim);
    add("attn_v.weight", TensorClass::attn_v, s_.hidden_size, kv_dim);
    add("attn_output.weight", TensorClass::attn_output, q_dim, s_.hidden_size);
    if (s_.qk_norm) {
      norm("attn_q_norm.weight", s_.head_dim);
      norm("attn_k_norm.weight", s_.head_dim);
    } else if (s_.qk_norm_full_width) {
      norm("attn_q_norm.weight", q_dim);
      norm("attn_k_norm.weight", kv_dim);
    }
    if (s_.attention_bias) {
      add("attn_q.bias", TensorClass::attn_q, q_dim);
      add("attn_k.bias", TensorClass::attn_k, kv_dim);
      add("attn_v.bias", TensorClass::attn_v, kv_dim);
    }
    if (s_.attention_output_bias) add("attn_output.bias", TensorClass::attn_output, s_.hidden_size);
    if (s_.attention_sinks) add("attn_sinks.weight", TensorClass::attn_sinks, s_.num_attention_heads);
  }

  // Multi-head latent attention, stored as llama.cpp's deepseek2 GGUFs store it.
  void mla() {
    const std::int64_t n_head = s_.num_attention_heads;
    const std::int64_t qk_head = s_.qk_nope_head_dim + s_.qk_rope_head_dim;
    if (s_.q_lora_rank > 0) {
      add("attn_q_a.weight", TensorClass::attn_q_a, s_.hidden_size, s_.q_lora_rank);
      norm("attn_q_a_norm.weight", s_.q_lora_rank);
      add("attn_q_b.weight", TensorClass::attn_q_b, s_.q_lora_rank, n_head * qk_head);
    } else {
      add("attn_q.weight", TensorClass::attn_q, s_.hidden_size, n_head * qk_head);
    }
    add("attn_kv_a_mqa.weight", TensorClass::attn_kv_a_mqa, s_.hidden_size, s_.kv_lora_rank + s_.qk_rope_head_dim);
    norm("attn_kv_a_norm.weight", s_.kv_lora_rank);
    add("attn_kv_b.weight", TensorClass::attn_kv_b, s_.kv_lora_rank, n_head * (s_.qk_nope_head_dim + s_.v_head_dim));
    add("attn_output.weight", TensorClass::attn_output, n_head * s_.v_head_dim, s_.hidden_size);
  }

  void dense_ffn() {
    pre_norm("ffn_norm.weight", "ffn_post_norm.weight");
    add("ffn_gate.weight", TensorClass::ffn_gate, s_.hidden_size, s_.intermediate_size);
    add("ffn_up.weight", TensorClass::ffn_up, s_.hidden_size, s_.intermediate_size);
    add("ffn_down.weight", TensorClass::ffn_down, s_.intermediate_size, s_.hidden_size);
  }

  // Experts are stored as one 3-D tensor per projection (GGUF's *_exps), all experts stacked.
  void moe_ffn() {
    const std::int64_t n = s_.num_experts, ff = s_.moe_intermediate_size, h = s_.hidden_size;
    pre_norm("ffn_norm.weight", "ffn_post_norm.weight");
    add("ffn_gate_inp.weight", TensorClass::ffn_gate_inp, h, n);
    if (s_.router_bias) add(s_.expert_bias ? "ffn_gate_inp.bias" : "exp_probs_b.bias", TensorClass::exp_probs_b, n);
    add("ffn_gate_exps.weight", TensorClass::ffn_gate_exps, h, ff * n);
    add("ffn_up_exps.weight", TensorClass::ffn_up_exps, h, ff * n);
    add("ffn_down_exps.weight", TensorClass::ffn_down_exps, ff, h * n);
    if (s_.expert_bias) {
      add("ffn_gate_exps.bias", TensorClass::ffn_gate_exps, ff, n);
      add("ffn_up_exps.bias", TensorClass::ffn_up_exps, ff, n);
      add("ffn_down_exps.bias", TensorClass::ffn_down_exps, h, n);
    }
    if (const std::int64_t sff = s_.shared_expert_intermediate_size; sff > 0) {
      add("ffn_gate_shexp.weight", TensorClass::ffn_gate_shexp, h, sff);
      add("ffn_up_shexp.weight", TensorClass::ffn_up_shexp, h, sff);
      add("ffn_down_shexp.weight", TensorClass::ffn_down_shexp, sff, h);
    }
  }

 private:
  std::vector<TensorInfo>& out_;
  const ModelSpec& s_;
  int il_;
};

}  // namespace

std::vector<TensorInfo> build_inventory(const ModelSpec& s) {
  std::vector<TensorInfo> out;
  out.reserve(s.layers.size() * 16 + 3);
  out.push_back({"token_embd.weight", TensorClass::token_embedding, -1, s.hidden_size, s.vocab_size});
  for (std::size_t il = 0; il < s.layers.size(); ++il) {
    BlockBuilder b(out, s, int(il));
    const LayerSpec& layer = s.layers[il];
    if (layer.attention == LayerAttention::full || layer.attention == LayerAttention::sliding) b.attention();
    if (layer.ffn == LayerFfn::dense) b.dense_ffn();
    else if (layer.ffn == LayerFfn::moe) b.moe_ffn();
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
