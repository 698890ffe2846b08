// Experts and the attention variants of the large MoE families: routed and shared experts by
// their three config spellings, Llama 4's interleaved MoE with chunked attention, multi-head
// latent attention (DeepSeek-V2/V3, Kimi K2) and DeepSeek-V4's compressed attention.
#include "hf_config_families.h"

#include "units.h"

namespace headroom::hf {

using json = nlohmann::ordered_json;

void read_experts(JsonFields& f, ModelSpec& s) {
  // Experts go by three names: num_local_experts (Mixtral, gpt-oss, Llama 4, MiniMax, Granite),
  // num_experts (Qwen), n_routed_experts (DeepSeek, GLM).
  const std::string& a = s.architecture;
  s.num_experts = f.integer_or("num_local_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("num_experts", 0, lo, hi);
  if (s.num_experts == 0) s.num_experts = f.integer_or("n_routed_experts", 0, lo, hi);
  if (s.num_experts <= 0) {
    // Dense configs of MoE-capable families say so with zeros (Granite 4.0 H-Micro).
    if (f.has("num_experts_per_tok") && f.raw("num_experts_per_tok") == 0) f.ignore("num_experts_per_tok");
    return;
  }
  s.num_experts_per_tok = f.integer("num_experts_per_tok", lo, hi);
  // Mixtral's, gpt-oss's, Llama 4's, MiniMax's and Granite's experts are intermediate_size wide;
  // their configs have no moe_intermediate_size.
  s.moe_intermediate_size = f.integer_or("moe_intermediate_size", s.intermediate_size, lo, hi);
  s.first_k_dense_replace = f.integer_or("first_k_dense_replace", 0, lo, hi);
  const std::int64_t n_shared = f.integer_or("n_shared_experts", 0, lo, hi);
  const std::int64_t shared_default =
      f.integer_or("moe_shared_expert_intermediate_size", checked_mul(n_shared, s.moe_intermediate_size, "n_shared_experts"), lo, hi);
  s.shared_expert_intermediate_size = f.integer_or("shared_expert_intermediate_size", shared_default, lo, hi);
  s.shared_expert_gate = is_one_of(a, {"qwen2_moe", "qwen3_next"}) && s.shared_expert_intermediate_size > 0;
  // A per-expert score bias: DeepSeek-V3's noaux_tc routing, GLM-4.5's e_score_correction_bias,
  // MiniMax's use_routing_bias; gpt-oss's router has a plain bias.
  s.router_bias = is_one_of(a, {"gpt_oss", "nemotron_h", "glm4_moe"}) || f.string_or("topk_method", "") == "noaux_tc" ||
                  (a == "minimax_m2" && f.boolean_or("use_routing_bias", false));
  s.expert_bias = a == "gpt_oss";
  if (a == "nemotron_h") return;  // its pattern already says which layers are MoE
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    s.layers[il].ffn = std::int64_t(il) >= s.first_k_dense_replace ? LayerFfn::moe : LayerFfn::dense;
}

// Llama 4 (text_config): every interleave_moe_layer_step-th layer is MoE (one shared expert
// beside the routed ones, both intermediate_size wide), the others dense at intermediate_size_mlp.
// Layers with RoPE attend within attention_chunk_size chunks; every no_rope_layer_interval-th
// layer has no RoPE and attends globally (no_rope_layers lists it per layer: 1 = RoPE).
// As in llama.cpp's LLM_ARCH_LLAMA4 (n_moe_layer_step, LLAMA_SWA_TYPE_CHUNKED, set_swa_pattern(4)).
void read_llama4(JsonFields& f, ModelSpec& s) {
  const std::int64_t step = f.integer_or("interleave_moe_layer_step", 1, lo, hi);
  if (step < 1) throw InputError(f.at("interleave_moe_layer_step"), "must be at least 1");
  const std::int64_t expert_width = s.intermediate_size;
  s.shared_expert_intermediate_size = s.is_moe() ? expert_width : 0;
  s.intermediate_size = f.integer_or("intermediate_size_mlp", expert_width, lo, hi);
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    s.layers[il].ffn = s.is_moe() && (std::int64_t(il) + 1) % step == 0 ? LayerFfn::moe : LayerFfn::dense;

  const std::int64_t chunk = f.integer_or("attention_chunk_size", 0, lo, hi);
  if (chunk <= 0) return;
  s.sliding_window = chunk;
  s.chunked_window = true;
  if (f.has("no_rope_layers")) {
    const json& rope = f.raw("no_rope_layers");
    if (!rope.is_array() || rope.size() != s.layers.size())
      throw InputError(f.at("no_rope_layers"), "must list 0 or 1 for each of the " + std::to_string(s.layers.size()) + " layers");
    for (std::size_t il = 0; il < s.layers.size(); ++il)
      s.layers[il].attention = rope[il] == 0 ? LayerAttention::full : LayerAttention::sliding;
  } else {
    const std::int64_t interval = f.integer_or("no_rope_layer_interval", 4, lo, hi);
    if (interval < 1) throw InputError(f.at("no_rope_layer_interval"), "must be at least 1");
    for (std::size_t il = 0; il < s.layers.size(); ++il)
      s.layers[il].attention = (std::int64_t(il) + 1) % interval == 0 ? LayerAttention::full : LayerAttention::sliding;
  }
}

// DeepSeek-V4: compress_ratios lists each layer's ratio (0: sliding window only, 4: compressed
// sparse attention with an indexer, 128: heavily compressed), then the MTP layers'.
void read_compressed_attention(JsonFields& f, ModelSpec& s) {
  s.o_lora_rank = f.integer("o_lora_rank", lo, hi);
  s.o_groups = f.integer("o_groups", lo, hi);
  s.q_lora_rank = f.integer("q_lora_rank", lo, hi);
  s.qk_rope_head_dim = f.integer_or("qk_rope_head_dim", 0, lo, hi);
  s.index_n_heads = f.integer("index_n_heads", lo, hi);
  s.index_head_dim = f.integer("index_head_dim", lo, hi);
  s.index_topk = f.integer_or("index_topk", 0, 0, hi);
  s.hc_mult = f.integer_or("hc_mult", 0, lo, hi);
  s.num_hash_layers = f.integer_or("num_hash_layers", 0, lo, hi);
  s.sliding_window = f.integer("sliding_window", lo, hi);
  const json& ratios = f.raw("compress_ratios");
  const std::string path = f.at("compress_ratios");
  if (!ratios.is_array() || std::int64_t(ratios.size()) < s.num_hidden_layers)
    throw InputError(path, "must list a ratio for each of the " + std::to_string(s.num_hidden_layers) + " layers");
  for (std::size_t i = 0; i < ratios.size(); ++i) {
    if (!ratios[i].is_number_integer()) throw InputError(path + "[" + std::to_string(i) + "]", "must be 0, 4 or 128");
    const std::int64_t r = ratios[i].get<std::int64_t>();
    if (std::int64_t(i) < s.num_hidden_layers) s.layers[i] = {LayerAttention::compressed, s.layers[i].ffn, r};
    else if (std::int64_t(i) == s.num_hidden_layers) s.mtp_compress_ratio = r;
  }
}

void read_mla(JsonFields& f, ModelSpec& s) {
  s.kv_lora_rank = f.integer_or("kv_lora_rank", 0, lo, hi);
  if (s.kv_lora_rank <= 0) return;
  s.q_lora_rank = f.integer_or("q_lora_rank", 0, lo, hi);  // null in DeepSeek-V2-Lite
  s.qk_rope_head_dim = f.integer("qk_rope_head_dim", lo, hi);
  s.qk_nope_head_dim = f.integer("qk_nope_head_dim", lo, hi);
  s.v_head_dim = f.integer("v_head_dim", lo, hi);
}

}  // namespace headroom::hf
