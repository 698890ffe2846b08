// Hybrid stacks, where some or all layers mix tokens with something other than attention:
// Gated DeltaNet (Qwen3-Next), Mamba-2 (Nemotron-H, Granite 4.0, Falcon-H1 beside attention) and
// gated short convolutions (LFM2). Shapes as llama.cpp's loaders and converters read them.
#include <cmath>

#include "hf_config_families.h"

namespace headroom::hf {

using json = nlohmann::ordered_json;

// Qwen3-Next: every full_attention_interval-th layer attends, the others are Gated DeltaNet.
void read_linear_attention(JsonFields& f, ModelSpec& s) {
  const std::int64_t interval = f.integer_or("full_attention_interval", 4, lo, hi);
  if (interval < 1) throw InputError(f.at("full_attention_interval"), "must be at least 1");
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    s.layers[il].attention = (std::int64_t(il) + 1) % interval == 0 ? LayerAttention::full : LayerAttention::linear;
  s.linear_num_key_heads = f.integer("linear_num_key_heads", lo, hi);
  s.linear_num_value_heads = f.integer("linear_num_value_heads", lo, hi);
  s.linear_key_head_dim = f.integer("linear_key_head_dim", lo, hi);
  s.linear_value_head_dim = f.integer("linear_value_head_dim", lo, hi);
  s.conv_kernel = f.integer("linear_conv_kernel_dim", lo, hi);
  s.attention_output_gate = true;
  s.qk_norm = true;
}

// Nemotron-H: hybrid_override_pattern has one character per layer, each layer one mixer:
// M Mamba-2, * attention, - MLP, E MoE.
void read_nemotron_h(JsonFields& f, ModelSpec& s) {
  const std::string pattern = f.string("hybrid_override_pattern");
  if (std::int64_t(pattern.size()) != s.num_hidden_layers)
    throw InputError(f.at("hybrid_override_pattern"), "must have one character per layer (" +
                                                          std::to_string(s.num_hidden_layers) + "), got " +
                                                          std::to_string(pattern.size()));
  for (std::size_t il = 0; il < pattern.size(); ++il) {
    LayerSpec& l = s.layers[il];
    switch (pattern[il]) {
      case 'M': l = {LayerAttention::ssm, LayerFfn::none, 0}; break;
      case '*': l = {LayerAttention::full, LayerFfn::none, 0}; break;
      case '-': l = {LayerAttention::none, LayerFfn::dense, 0}; break;
      case 'E': l = {LayerAttention::none, LayerFfn::moe, 0}; break;
      default:
        throw InputError(f.at("hybrid_override_pattern"),
                         std::string("unknown layer kind '") + pattern[il] + "' at " + std::to_string(il) + " (M, *, - or E)");
    }
  }
  s.mamba_num_heads = f.integer("mamba_num_heads", lo, hi);
  s.mamba_head_dim = f.integer("mamba_head_dim", lo, hi);
  s.ssm_state_size = f.integer("ssm_state_size", lo, hi);
  s.ssm_groups = f.integer("n_groups", lo, hi);
  s.conv_kernel = f.integer("conv_kernel", lo, hi);
  s.head_dim = f.integer_or("attention_head_dim", s.head_dim, lo, hi);
  s.ffn_gated = false;  // squared-ReLU MLPs and experts: up and down only
}

// Granite 4.0 (granitemoehybrid): layer_types says mamba or attention; every layer also has an
// FFN: a dense one shared_intermediate_size wide, or (num_local_experts > 0) routed experts
// intermediate_size wide beside one shared expert shared_intermediate_size wide.
// llama.cpp: LLM_ARCH_GRANITE_HYBRID (n_ff = n_ff_shexp for the dense models).
void read_granite_hybrid(JsonFields& f, ModelSpec& s) {
  s.mamba_num_heads = f.integer("mamba_n_heads", lo, hi);
  s.mamba_head_dim = f.integer("mamba_d_head", lo, hi);
  s.ssm_state_size = f.integer("mamba_d_state", lo, hi);
  s.ssm_groups = f.integer_or("mamba_n_groups", 1, lo, hi);
  s.conv_kernel = f.integer_or("mamba_d_conv", 4, lo, hi);
  const std::int64_t shared = f.integer_or("shared_intermediate_size", 0, lo, hi);
  if (s.is_moe()) s.shared_expert_intermediate_size = shared;
  else if (shared > 0) s.intermediate_size = shared;
}

// Falcon-H1: every layer runs attention and a Mamba-2 mixer side by side on one normed input,
// then an FFN. mamba_d_ssm is the mixer's inner width; mamba_rms_norm switches its norm on.
// llama.cpp: LLM_ARCH_FALCON_H1.
void read_falcon_h1(JsonFields& f, ModelSpec& s) {
  s.ssm_beside_attention = true;
  s.mamba_num_heads = f.integer("mamba_n_heads", lo, hi);
  const std::int64_t d_inner = f.integer_or("mamba_d_ssm", 0, lo, hi);
  s.mamba_head_dim = d_inner > 0 && s.mamba_num_heads > 0 ? d_inner / s.mamba_num_heads : f.integer("mamba_d_head", lo, hi);
  if (d_inner > 0) f.ignore("mamba_d_head");
  if (d_inner > 0 && s.mamba_head_dim * s.mamba_num_heads != d_inner)
    throw InputError(f.at("mamba_d_ssm"), "must be a multiple of mamba_n_heads");
  s.ssm_state_size = f.integer("mamba_d_state", lo, hi);
  s.ssm_groups = f.integer_or("mamba_n_groups", 1, lo, hi);
  s.conv_kernel = f.integer_or("mamba_d_conv", 4, lo, hi);
  s.ssm_norm = f.boolean_or("mamba_rms_norm", false);
}

// LFM2: layer_types ("conv" or "full_attention"), or in the first checkpoints full_attn_idxs,
// the attention layers' indices. Attention has per-head q/k norms; the FFN width is block_ff_dim
// (or intermediate_size) shrunk to 2/3, scaled and rounded up to block_multiple_of, as
// Transformers' Lfm2MLP does when block_auto_adjust_ff_dim is set.
void read_lfm2(JsonFields& f, ModelSpec& s) {
  s.conv_kernel = f.integer("conv_L_cache", lo, hi);
  s.qk_norm = true;
  if (f.has("full_attn_idxs") && !f.has("layer_types")) {
    const json& idx = f.raw("full_attn_idxs");
    if (!idx.is_array()) throw InputError(f.at("full_attn_idxs"), "must be an array of layer indices");
    for (auto& l : s.layers) l.attention = LayerAttention::conv;
    for (std::size_t i = 0; i < idx.size(); ++i) {
      if (!idx[i].is_number_integer() || idx[i].get<std::int64_t>() < 0 || idx[i].get<std::int64_t>() >= s.num_hidden_layers)
        throw InputError(f.at("full_attn_idxs") + "[" + std::to_string(i) + "]",
                         "must be a layer index below " + std::to_string(s.num_hidden_layers));
      s.layers[std::size_t(idx[i].get<std::int64_t>())].attention = LayerAttention::full;
    }
  } else {
    f.ignore("full_attn_idxs");
  }
  std::int64_t ff = f.integer_or("block_ff_dim", s.intermediate_size, lo, hi);
  if (f.boolean_or("block_auto_adjust_ff_dim", true)) {
    ff = std::int64_t(2 * ff / 3);
    const double multiplier = f.number_or("block_ffn_dim_multiplier", 1.0, 0, 1e3);
    ff = std::int64_t(std::floor(multiplier * double(ff)));
    const std::int64_t multiple = f.integer_or("block_multiple_of", 256, 1, 1 << 20);
    ff = multiple * ((ff + multiple - 1) / multiple);
  }
  s.intermediate_size = ff;
}

}  // namespace headroom::hf
