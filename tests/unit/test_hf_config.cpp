// The config.json importer, family by family, on real configs (tests/fixtures/hf_config/,
// sources in its README.md): the layer layout each config implies, the tensors llama.cpp would
// load for it, and the parameter count that follows. Counts are exact where a publisher or
// llama.cpp prints one (the catalog entries of the same models cite them).
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "embedded_fixtures.h"
#include "hf_config.h"
#include "tensor_inventory.h"
#include "test_support.h"

using namespace headroom;
using Catch::Matchers::Contains;

namespace {

nlohmann::json fixture_json(const std::string& name) {
  for (const auto& f : embedded_hf_fixtures())
    if (f.name == name) return nlohmann::json::parse(f.text);
  FAIL("no fixture " << name);
  return {};
}

ModelSpec fixture(const std::string& name) { return model_from_hf_config(fixture_json(name), name); }

std::int64_t total(const ModelSpec& m, bool with_mtp = false) {
  return count_parameters(build_inventory(m, with_mtp), m).total;
}

bool has_tensor(const ModelSpec& m, const std::string& name, bool with_mtp = false) {
  const auto inv = build_inventory(m, with_mtp);
  return std::any_of(inv.begin(), inv.end(), [&](const TensorInfo& t) { return t.name == name; });
}

std::size_t count_kind(const ModelSpec& m, LayerAttention kind) {
  return std::size_t(std::count_if(m.layers.begin(), m.layers.end(), [&](const LayerSpec& l) { return l.attention == kind; }));
}

// KV cache bytes for an inline config at an F16 cache, through the public JSON contract.
std::int64_t kv_bytes(const nlohmann::json& config, int context) {
  const nlohmann::json scenario{{"model", {{"hf_config", config}}}, {"context", context}, {"kv_cache_type", "f16"}};
  return test::estimate_for(scenario.dump()).kv_cache_bytes;
}

}  // namespace

TEST_CASE("every fixture imports, and only the unknown architecture warns") {
  REQUIRE(embedded_hf_fixtures().size() >= 10);
  for (const auto& f : embedded_hf_fixtures()) {
    INFO(f.name);
    const ModelSpec m = model_from_hf_config(nlohmann::json::parse(f.text), std::string(f.name));
    const bool unknown = std::string(f.name).rfind("unknown-", 0) == 0;
    CHECK(m.warnings.empty() == !unknown);
  }
}

TEST_CASE("llama4: interleaved MoE with a shared expert, chunked attention, text_config nested") {
  const ModelSpec m = fixture("llama4-scout.json");
  CHECK(m.architecture == "llama4_text");
  REQUIRE(m.layers.size() == 48);
  // Every fourth layer has no RoPE and attends globally; the others attend in 8192-token chunks.
  for (std::size_t il = 0; il < m.layers.size(); ++il) {
    INFO("layer " << il);
    CHECK(m.layers[il].attention == ((il + 1) % 4 == 0 ? LayerAttention::full : LayerAttention::sliding));
    CHECK(m.layers[il].ffn == LayerFfn::moe);  // interleave_moe_layer_step 1
  }
  CHECK(m.sliding_window == 8192);
  CHECK(m.num_experts == 16);
  CHECK(m.moe_intermediate_size == 8192);
  CHECK(m.shared_expert_intermediate_size == 8192);
  CHECK(m.intermediate_size == 16384);  // intermediate_size_mlp, for dense layers
  CHECK_FALSE(m.qk_norm);               // use_qk_norm is a weightless L2 norm
  CHECK(has_tensor(m, "blk.0.ffn_up_shexp.weight"));
  // llama-bench: "llama4 17Bx16E (Scout) ... 107.77 B"; the exact count of the GGUF's tensors.
  CHECK(total(m) == 107'769'861'120);

  // Maverick (catalog): MoE on every other layer, dense layers intermediate_size_mlp wide.
  const ModelSpec& mav = *test::catalog().find_model("llama-4-maverick");
  CHECK(mav.layers[0].ffn == LayerFfn::dense);
  CHECK(mav.layers[1].ffn == LayerFfn::moe);
  CHECK(total(mav) == 400'711'848'960);  // llama-bench: "400.71 B"
}

TEST_CASE("llama4: the chunked layers keep only a chunk of KV cache") {
  // 12 global layers keep every cell; 36 chunked layers keep chunk + ubatch (8192 + 512) cells.
  // K and V: 8 heads x 128 x 2 bytes each, per cell and layer.
  const std::int64_t per_cell = 2 * 8 * 128 * 2;
  CHECK(kv_bytes(fixture_json("llama4-scout.json"), 32768) == 12 * per_cell * 32768 + 36 * per_cell * 8704);
}

TEST_CASE("glm4_moe: leading dense layers, routed and shared experts, MTP with its own embedding") {
  const ModelSpec m = fixture("glm4_moe-glm-4.7.json");
  REQUIRE(m.layers.size() == 92);
  for (std::size_t il = 0; il < m.layers.size(); ++il) CHECK(m.layers[il].ffn == (il < 3 ? LayerFfn::dense : LayerFfn::moe));
  CHECK(m.router_bias);  // e_score_correction_bias
  CHECK(m.qk_norm);      // use_qk_norm
  CHECK(m.attention_bias);
  CHECK(m.shared_expert_intermediate_size == 1536);
  CHECK(m.mtp_layers == 1);
  CHECK(has_tensor(m, "blk.3.exp_probs_b.bias"));
  CHECK(has_tensor(m, "blk.92.nextn.embed_tokens.weight", true));
  CHECK(has_tensor(m, "blk.92.nextn.shared_head_head.weight", true));
  // llama-bench counts the GGUF, which keeps the MTP layer: "glm4moe 355B.A32B ... 358.34 B".
  CHECK(total(m, true) == 358'337'791'296);
  CHECK(total(m) == 352'797'829'024);  // without it: what Z.ai's "355B" describes, roughly
}

TEST_CASE("phi3 and granite: dense Llama-shaped stacks") {
  const ModelSpec phi = fixture("phi3-phi-4.json");
  CHECK(count_kind(phi, LayerAttention::full) == 40);  // its null sliding_window is ignored
  CHECK_FALSE(phi.tie_word_embeddings);
  CHECK(total(phi) == 14'659'507'200);
  const ModelSpec granite = fixture("granite-3.1-8b.json");
  CHECK(granite.tie_word_embeddings);
  CHECK(total(granite) == 8'170'848'256);  // Hub: 8.17B params
}

TEST_CASE("cohere2: three sliding layers to one global, one shared norm per block, tied embeddings") {
  const ModelSpec m = fixture("cohere2-command-r7b.json");
  REQUIRE(m.layers.size() == 32);
  for (std::size_t il = 0; il < m.layers.size(); ++il)
    CHECK(m.layers[il].attention == (il % 4 == 3 ? LayerAttention::full : LayerAttention::sliding));
  CHECK(m.sliding_window == 4096);
  CHECK(m.tie_word_embeddings);  // use_embedding_sharing; the config has no tie_word_embeddings
  CHECK(m.norm_style == NormStyle::parallel);
  CHECK(has_tensor(m, "blk.0.attn_norm.weight"));
  CHECK_FALSE(has_tensor(m, "blk.0.ffn_norm.weight"));
  CHECK_FALSE(has_tensor(m, "output.weight"));
  CHECK(total(m) == 8'028'033'024);  // Hub: 8.03B params
}

TEST_CASE("granitemoehybrid: Mamba-2 and attention layers from layer_types, MoE in every layer") {
  const ModelSpec m = fixture("granitemoehybrid-granite-4.0-h-tiny.json");
  REQUIRE(m.layers.size() == 40);
  CHECK(count_kind(m, LayerAttention::ssm) == 36);
  for (std::size_t il : {5u, 15u, 25u, 35u}) CHECK(m.layers[il].attention == LayerAttention::full);
  CHECK(std::all_of(m.layers.begin(), m.layers.end(), [](const LayerSpec& l) { return l.ffn == LayerFfn::moe; }));
  CHECK(m.num_experts == 64);
  CHECK(m.moe_intermediate_size == 512);
  CHECK(m.shared_expert_intermediate_size == 1024);
  CHECK(m.mamba_num_heads * m.mamba_head_dim == 3072);
  CHECK(has_tensor(m, "blk.0.ssm_in.weight"));
  CHECK(has_tensor(m, "blk.0.ffn_up_exps.weight"));
  CHECK_FALSE(has_tensor(m, "blk.0.attn_q.weight"));
  CHECK(total(m) == 6'939'037'248);  // llama-bench: "granitehybrid 7B.A1B ... 6.94 B"

  // The dense variant (H-1B: num_local_experts 0) has one shared_intermediate_size-wide FFN.
  nlohmann::json dense = fixture_json("granitemoehybrid-granite-4.0-h-tiny.json");
  dense["num_local_experts"] = 0;
  dense["num_experts_per_tok"] = 0;
  dense["intermediate_size"] = 4096;
  dense["shared_intermediate_size"] = 4096;
  const ModelSpec d = model_from_hf_config(dense, "dense");
  CHECK_FALSE(d.is_moe());
  CHECK(d.intermediate_size == 4096);
  CHECK(has_tensor(d, "blk.0.ffn_up.weight"));
}

TEST_CASE("granitemoehybrid: only the attention layers' cache grows with context") {
  // 4 attention layers: 4 KV heads x 128, K and V, 2 bytes. 36 Mamba-2 layers: F32 conv state
  // (4 - 1) x (3072 + 2 x 128) plus SSM state 128 x 3072, whatever the context.
  const std::int64_t per_cell = 4 * 128 * 2 * 2;
  const std::int64_t state = ((4 - 1) * (3072 + 2 * 128) + 128 * 3072) * 4;
  const nlohmann::json c = fixture_json("granitemoehybrid-granite-4.0-h-tiny.json");
  CHECK(kv_bytes(c, 4096) == 4 * per_cell * 4096 + 36 * state);
  CHECK(kv_bytes(c, 8192) - kv_bytes(c, 4096) == 4 * per_cell * 4096);
}

TEST_CASE("falcon_h1: attention and a Mamba-2 mixer side by side in every layer") {
  const ModelSpec m = fixture("falcon_h1-7b.json");
  REQUIRE(m.layers.size() == 44);
  CHECK(count_kind(m, LayerAttention::full) == 44);
  CHECK(m.ssm_beside_attention);
  CHECK(m.mamba_num_heads == 24);
  CHECK(m.mamba_head_dim == 128);  // mamba_d_ssm / mamba_n_heads
  CHECK_FALSE(m.ssm_norm);         // mamba_rms_norm: Transformers' default
  CHECK(has_tensor(m, "blk.0.attn_q.weight"));
  CHECK(has_tensor(m, "blk.0.ssm_in.weight"));
  CHECK(has_tensor(m, "blk.0.ffn_gate.weight"));
  // Per layer: attention 3072 -> 12 x 128 q, 2 x 128 k and v; the mixer's in_proj
  // 3072 -> 2 x 3072 + 2 x 256 + 24, conv 4 x 3584 (+ bias), dt/A/D, out_proj; the gated FFN.
  const std::int64_t attention = 3072 * 1536 + 2 * 3072 * 256 + 1536 * 3072;
  const std::int64_t mixer = 3072 * (2 * 3072 + 2 * 256 + 24) + 4 * 3584 + 3584 + 3 * 24 + 3072 * 3072;
  const std::int64_t ffn = 3 * 3072 * 12288;
  const std::int64_t block = 2 * 3072 + attention + mixer + ffn;
  CHECK(total(m) == 2 * 130048 * 3072 + 3072 + 44 * block);

  // Its cache: every layer's KV plus every layer's recurrent state.
  const std::int64_t per_cell = 2 * 128 * 2 * 2;
  const std::int64_t state = ((4 - 1) * (3072 + 2 * 256) + 256 * 3072) * 4;
  CHECK(kv_bytes(fixture_json("falcon_h1-7b.json"), 4096) == 44 * (per_cell * 4096 + state));
}

TEST_CASE("lfm2: short-convolution layers and attention layers, FFN width adjusted as Transformers does") {
  const ModelSpec m = fixture("lfm2-700m.json");
  REQUIRE(m.layers.size() == 16);
  for (std::size_t il = 0; il < m.layers.size(); ++il) {
    const bool attends = il == 2 || il == 5 || il == 8 || il == 10 || il == 12 || il == 14;  // full_attn_idxs
    CHECK(m.layers[il].attention == (attends ? LayerAttention::full : LayerAttention::conv));
  }
  CHECK(m.intermediate_size == 6912);  // block_ff_dim 10240 -> 2/3 -> up to a multiple of 256
  CHECK(m.tie_word_embeddings);
  CHECK(m.qk_norm);
  CHECK(has_tensor(m, "blk.0.shortconv.in_proj.weight"));
  CHECK(has_tensor(m, "blk.2.attn_q_norm.weight"));
  CHECK(total(m) == 742'489'344);  // LFM2 model card: 742,489,344

  // Conv layers keep the last conv_L_cache - 1 inputs (F32); attention layers 8 x 64 K and V.
  const std::int64_t per_cell = 8 * 64 * 2 * 2;
  CHECK(kv_bytes(fixture_json("lfm2-700m.json"), 4096) == 6 * per_cell * 4096 + 10 * (3 - 1) * 1536 * 4);

  // The newer format: layer_types and tie_embedding.
  const ModelSpec& m350 = *test::catalog().find_model("lfm2-350m");
  CHECK(count_kind(m350, LayerAttention::conv) == 10);
  CHECK(total(m350) == 354'483'968);
}

TEST_CASE("minimax_m2: per-layer q/k norms across all heads, biased sigmoid routing") {
  const ModelSpec m = fixture("minimax_m2-m2.5.json");
  CHECK(m.qk_norm_full_width);
  CHECK(m.router_bias);
  CHECK(m.num_experts == 256);
  CHECK(m.moe_intermediate_size == 1536);
  CHECK(m.shared_expert_intermediate_size == 0);
  CHECK(total(m) == 228'689'764'864);  // llama-bench: "minimax-m2 230B.A10B ... 228.69 B"
}

TEST_CASE("an unknown model_type is read by its common fields, with a warning that reaches the estimate") {
  const nlohmann::json config = fixture_json("unknown-minimax_m3.json");
  const ModelSpec m = model_from_hf_config(config, "m3");
  REQUIRE(m.warnings.size() == 1);
  CHECK_THAT(m.warnings[0], Contains("minimax_m3") && Contains("common fields"));
  const nlohmann::json scenario{{"model", {{"hf_config", config}}}};
  const Estimate e = test::estimate_for(scenario.dump());
  CHECK(std::any_of(e.warnings.begin(), e.warnings.end(), [](const std::string& w) { return w.find("minimax_m3") != std::string::npos; }));
  // Known architectures, including every catalog entry, import without one.
  for (const auto& c : test::catalog().models) CHECK(c.warnings.empty());
}
