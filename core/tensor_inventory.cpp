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
    case TensorClass::attn_compressor: return "attn_compressor";
    case TensorClass::attn_compressor_ape: return "attn_compressor_ape";
    case TensorClass::attn_indexer: return "attn_indexer";
    case TensorClass::attn_indexer_proj: return "attn_indexer_proj";
    case TensorClass::hyper_connection: return "hyper_connection";
    case TensorClass::mtp_proj: return "mtp_proj";
    case TensorClass::expert_hash: return "expert_hash";
    case TensorClass::ssm_in: return "ssm_in";
    case TensorClass::ssm_conv1d: return "ssm_conv1d";
    case TensorClass::ssm_out: return "ssm_out";
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
    if (s_.norm_style == NormStyle::pre_and_post || s_.norm_style == NormStyle::post) norm(post, s_.hidden_size);
  }
  // The FFN's own norm; parallel blocks (Cohere) feed the FFN the attention's normed input.
  void ffn_norm() {
    if (s_.norm_style != NormStyle::parallel) pre_norm("ffn_norm.weight", "ffn_post_norm.weight");
  }

  void attention() {
    pre_norm("attn_norm.weight", "attn_post_norm.weight");
    if (s_.is_mla()) return mla();
    const std::int64_t q_dim = s_.num_attention_heads * s_.head_dim;
    const std::int64_t kv_dim = s_.num_key_value_heads * s_.head_dim;
    // A gated q projection also yields a per-head output gate: twice as many rows.
    add("attn_q.weight", TensorClass::attn_q, s_.hidden_size, s_.attention_output_gate ? 2 * q_dim : q_dim);
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
    if (s_.ssm_beside_attention) mamba2_mixer();
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

  // DeepSeek-V4 attention, shapes as in its reference inference/model.py: q through a
  // q_lora_rank latent, one shared head_dim-wide K=V head, a grouped low-rank output, a KV
  // compressor (ratio 4 windows overlap, so twice as wide) and, on ratio-4 layers, the indexer.
  void compressed_attention(std::int64_t ratio) {
    const std::int64_t d = s_.hidden_size, hd = s_.head_dim, h = s_.num_attention_heads, q = s_.q_lora_rank;
    norm("attn_norm.weight", d);
    add("attn_sinks.weight", TensorClass::attn_sinks, h);
    add("attn_q_a.weight", TensorClass::attn_q_a, d, q);
    norm("attn_q_a_norm.weight", q);
    add("attn_q_b.weight", TensorClass::attn_q_b, q, h * hd);
    add("attn_kv.weight", TensorClass::attn_kv_a_mqa, d, hd);
    norm("attn_kv_norm.weight", hd);
    add("attn_output_a.weight", TensorClass::attn_output, h * hd / s_.o_groups, s_.o_groups * s_.o_lora_rank);
    add("attn_output_b.weight", TensorClass::attn_output, s_.o_groups * s_.o_lora_rank, d);
    if (ratio > 0) compressor("attn_compressor", ratio, (ratio == 4 ? 2 : 1) * hd, hd);
    if (ratio == 4) {
      const std::int64_t width = s_.index_n_heads * s_.index_head_dim;
      add("indexer_q_b.weight", TensorClass::attn_indexer, q, width);
      add("indexer_proj.weight", TensorClass::attn_indexer_proj, d, s_.index_n_heads);
      compressor("indexer_compressor", 4, 2 * s_.index_head_dim, s_.index_head_dim);
    }
    hyper_connection("hc_attn");
  }

  void compressor(const std::string& what, std::int64_t ratio, std::int64_t width, std::int64_t norm_width) {
    add((what + "_ape.weight").c_str(), TensorClass::attn_compressor_ape, width, ratio);
    add((what + "_kv.weight").c_str(), TensorClass::attn_compressor, s_.hidden_size, width);
    add((what + "_gate.weight").c_str(), TensorClass::attn_compressor, s_.hidden_size, width);
    norm((what + "_norm.weight").c_str(), norm_width);
  }

  // hc_mult residual streams mixed by (2 + hc) x hc weights read from all streams.
  void hyper_connection(const std::string& what) {
    if (s_.hc_mult <= 0) return;
    const std::int64_t mix = (2 + s_.hc_mult) * s_.hc_mult;
    add((what + "_fn.weight").c_str(), TensorClass::hyper_connection, s_.hc_mult * s_.hidden_size, mix);
    add((what + "_base.weight").c_str(), TensorClass::hyper_connection, mix);
    add((what + "_scale.weight").c_str(), TensorClass::hyper_connection, 3);
  }

  // Gated DeltaNet (Qwen3-Next): q, k, v and the output gate z from one projection, the beta
  // and alpha gates from another, a short convolution over q, k and v, per-head decay.
  void linear_attention() {
    const std::int64_t key_dim = s_.linear_num_key_heads * s_.linear_key_head_dim;
    const std::int64_t value_dim = s_.linear_num_value_heads * s_.linear_value_head_dim;
    const std::int64_t conv_dim = 2 * key_dim + value_dim;
    norm("attn_norm.weight", s_.hidden_size);
    add("ssm_in.weight", TensorClass::ssm_in, s_.hidden_size, 2 * key_dim + 2 * value_dim);
    add("ssm_ba.weight", TensorClass::ssm_in, s_.hidden_size, 2 * s_.linear_num_value_heads);
    add("ssm_conv1d.weight", TensorClass::ssm_conv1d, s_.conv_kernel, conv_dim);
    norm("ssm_dt.bias", s_.linear_num_value_heads);
    norm("ssm_a", s_.linear_num_value_heads);
    norm("ssm_norm.weight", s_.linear_value_head_dim);
    add("ssm_out.weight", TensorClass::ssm_out, value_dim, s_.hidden_size);
  }

  // Mamba-2 (Nemotron-H): one input projection for x, z, B, C and dt; a short convolution
  // with bias over x, B and C; per-head dt bias, A and D; a grouped norm; the output projection.
  void mamba2() {
    norm("attn_norm.weight", s_.hidden_size);
    mamba2_mixer();
  }
  // Falcon-H1 runs the same mixer beside attention, on the attention's normed input.
  void mamba2_mixer() {
    const std::int64_t d_inner = s_.mamba_num_heads * s_.mamba_head_dim;
    const std::int64_t bc = 2 * s_.ssm_groups * s_.ssm_state_size;
    add("ssm_in.weight", TensorClass::ssm_in, s_.hidden_size, 2 * d_inner + bc + s_.mamba_num_heads);
    add("ssm_conv1d.weight", TensorClass::ssm_conv1d, s_.conv_kernel, d_inner + bc);
    norm("ssm_conv1d.bias", d_inner + bc);
    norm("ssm_dt.bias", s_.mamba_num_heads);
    norm("ssm_a", s_.mamba_num_heads);
    norm("ssm_d", s_.mamba_num_heads);
    if (s_.ssm_norm) norm("ssm_norm.weight", d_inner);
    add("ssm_out.weight", TensorClass::ssm_out, d_inner, s_.hidden_size);
  }

  // LFM2's gated short convolution (llama.cpp LLM_ARCH_LFM2): B, C and x from one projection,
  // a depthwise convolution over conv_kernel tokens (no bias), the output projection.
  void short_conv() {
    const std::int64_t d = s_.hidden_size;
    norm("attn_norm.weight", d);
    add("shortconv.in_proj.weight", TensorClass::ssm_in, d, 3 * d);
    add("shortconv.conv.weight", TensorClass::ssm_conv1d, s_.conv_kernel, d);
    add("shortconv.out_proj.weight", TensorClass::ssm_out, d, d);
  }

  void dense_ffn() {
    ffn_norm();
    if (s_.ffn_gated) add("ffn_gate.weight", TensorClass::ffn_gate, s_.hidden_size, s_.intermediate_size);
    add("ffn_up.weight", TensorClass::ffn_up, s_.hidden_size, s_.intermediate_size);
    add("ffn_down.weight", TensorClass::ffn_down, s_.intermediate_size, s_.hidden_size);
  }

  // Experts are stored as one 3-D tensor per projection (GGUF's *_exps), all experts stacked.
  void moe_ffn() {
    const std::int64_t n = s_.num_experts, ff = s_.moe_intermediate_size, h = s_.hidden_size;
    ffn_norm();
    add("ffn_gate_inp.weight", TensorClass::ffn_gate_inp, h, n);
    if (il_ < s_.num_hash_layers) add("ffn_gate_tid2eid.weight", TensorClass::expert_hash, s_.num_experts_per_tok, s_.vocab_size);
    else if (s_.router_bias) add(s_.expert_bias ? "ffn_gate_inp.bias" : "exp_probs_b.bias", TensorClass::exp_probs_b, n);
    if (s_.ffn_gated) add("ffn_gate_exps.weight", TensorClass::ffn_gate_exps, h, ff * n);
    add("ffn_up_exps.weight", TensorClass::ffn_up_exps, h, ff * n);
    add("ffn_down_exps.weight", TensorClass::ffn_down_exps, ff, h * n);
    if (s_.expert_bias) {
      add("ffn_gate_exps.bias", TensorClass::ffn_gate_exps, ff, n);
      add("ffn_up_exps.bias", TensorClass::ffn_up_exps, ff, n);
      add("ffn_down_exps.bias", TensorClass::ffn_down_exps, h, n);
    }
    if (const std::int64_t sff = s_.shared_expert_intermediate_size; sff > 0) {
      if (s_.shared_expert_gate) norm("ffn_gate_inp_shexp.weight", h);
      if (s_.ffn_gated) add("ffn_gate_shexp.weight", TensorClass::ffn_gate_shexp, h, sff);
      add("ffn_up_shexp.weight", TensorClass::ffn_up_shexp, h, sff);
      add("ffn_down_shexp.weight", TensorClass::ffn_down_shexp, sff, h);
    }
    if (s_.is_compressed_attention()) hyper_connection("hc_ffn");
  }

  // A multi-token-prediction layer's extra inputs (DeepSeek): projections of the embedding and
  // the hidden state, their norms, and (V4) its own output mixing.
  void mtp_extras() {
    const std::int64_t d = s_.hidden_size;
    add("nextn.e_proj.weight", TensorClass::mtp_proj, d, d);
    add("nextn.h_proj.weight", TensorClass::mtp_proj, d, d);
    norm("nextn.enorm.weight", d);
    norm("nextn.hnorm.weight", d);
    norm("nextn.norm.weight", d);
    if (s_.mtp_own_embeddings) {  // GLM-4.5 checkpoints and GGUFs keep both
      add("nextn.embed_tokens.weight", TensorClass::mtp_proj, d, s_.vocab_size);
      add("nextn.shared_head_head.weight", TensorClass::mtp_proj, d, s_.vocab_size);
    }
    if (s_.hc_mult > 0) {
      add("nextn.hc_head_fn.weight", TensorClass::hyper_connection, s_.hc_mult * d, s_.hc_mult);
      add("nextn.hc_head_base.weight", TensorClass::hyper_connection, s_.hc_mult);
      add("nextn.hc_head_scale.weight", TensorClass::hyper_connection, 1);
    }
  }

 private:
  std::vector<TensorInfo>& out_;
  const ModelSpec& s_;
  int il_;
};

}  // namespace

std::vector<TensorInfo> build_inventory(const ModelSpec& s, bool with_mtp) {
  std::vector<TensorInfo> out;
  out.reserve(s.layers.size() * 24 + 8);
  out.push_back({"token_embd.weight", TensorClass::token_embedding, -1, s.hidden_size, s.vocab_size});
  auto block = [&](int il, const LayerSpec& layer) {
    BlockBuilder b(out, s, il);
    if (layer.attention == LayerAttention::full || layer.attention == LayerAttention::sliding) b.attention();
    else if (layer.attention == LayerAttention::compressed) b.compressed_attention(layer.compress_ratio);
    else if (layer.attention == LayerAttention::linear) b.linear_attention();
    else if (layer.attention == LayerAttention::ssm) b.mamba2();
    else if (layer.attention == LayerAttention::conv) b.short_conv();
    if (layer.ffn == LayerFfn::dense) b.dense_ffn();
    else if (layer.ffn == LayerFfn::moe) b.moe_ffn();
    return b;
  };
  for (std::size_t il = 0; il < s.layers.size(); ++il) block(int(il), s.layers[il]);
  out.push_back({"output_norm.weight", TensorClass::output_norm, -1, s.hidden_size, 1});
  // Tied models reuse token_embd as the output projection: no tensor of their own.
  if (!s.tie_word_embeddings)
    out.push_back({"output.weight", TensorClass::output_head, -1, s.hidden_size, s.vocab_size});
  if (s.hc_mult > 0) {
    const std::int64_t hc = s.hc_mult;
    out.push_back({"output_hc_fn.weight", TensorClass::hyper_connection, -1, hc * s.hidden_size, hc});
    out.push_back({"output_hc_base.weight", TensorClass::hyper_connection, -1, hc, 1});
    out.push_back({"output_hc_scale.weight", TensorClass::hyper_connection, -1, 1, 1});
  }
  if (with_mtp) {
    // An MTP layer is a full block (the last layer's kind, or V4's own ratio) plus its inputs.
    LayerSpec kind = s.layers.empty() ? LayerSpec{} : s.layers.back();
    kind.ffn = s.is_moe() ? LayerFfn::moe : LayerFfn::dense;
    if (kind.attention == LayerAttention::compressed) kind.compress_ratio = s.mtp_compress_ratio;
    for (std::int64_t m = 0; m < s.mtp_layers; ++m)
      block(int(std::int64_t(s.layers.size()) + m), kind).mtp_extras();
  }
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
