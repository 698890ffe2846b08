// The architecture of a model: the numbers the tensor inventory and the KV cache are derived
// from. Field names follow Hugging Face config.json so a catalog entry reads like its source.
// Per-layer kinds (sliding window or full attention, MoE or dense FFN, recurrent layers) are
// resolved once into `layers`, so the inventory and the cache never re-read config patterns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace headroom {

enum class LayerAttention : std::uint8_t {
  full,        // every past token (GQA/MQA/MHA, or MLA when kv_lora_rank > 0)
  sliding,     // the last sliding_window tokens
  compressed,  // DeepSeek-V4: sliding window plus a KV compressed by compress_ratio
  linear,      // linear attention (Gated DeltaNet): a fixed state
  ssm,         // Mamba-2: a fixed state
  conv,        // LFM2 gated short convolution: a fixed state of conv_kernel - 1 tokens
  none,        // an FFN-only block (Nemotron-H)
};
enum class LayerFfn : std::uint8_t { dense, moe, none };

struct LayerSpec {
  LayerAttention attention = LayerAttention::full;
  LayerFfn ffn = LayerFfn::dense;
  std::int64_t compress_ratio = 0;  // LayerAttention::compressed: tokens per compressed entry
};

// Where the RMS norms sit around attention and FFN.
enum class NormStyle : std::uint8_t {
  pre,           // Llama: attn_norm, ffn_norm
  pre_and_post,  // Gemma 2/3: also attn_post_norm, ffn_post_norm
  post,          // OLMo 2: only the post norms
  parallel,      // Cohere: attention and FFN read one shared attn_norm
};

// One storage type's share of a model file's tensors.
struct FileWeightType {
  std::string type;  // "Q4_K"
  std::int64_t tensors = 0;
  std::int64_t elements = 0;
  std::int64_t bytes = 0;
};

// The weights of one model file, summed from its own tensors (a dropped GGUF): when a spec has
// them, they are the weights to the byte whatever weight format the scenario names.
struct FileWeights {
  std::string file;                          // the file's name, "Llama-3.2-1B-Q4_K_M.gguf"
  std::vector<std::int64_t> layer_bytes;     // per block (num_hidden_layers entries)
  std::vector<std::int64_t> layer_expert_bytes;  // routed experts' share of each block
  std::int64_t embedding_bytes = 0;          // token_embd
  std::int64_t output_bytes = 0;             // everything else outside the blocks
  std::vector<FileWeightType> types;         // largest first
  std::int64_t bytes() const;                // the sum of every tensor
};

struct ModelSpec {
  std::string id;            // catalog id, e.g. "llama-3.1-8b"
  std::string name;          // display name
  std::string family;        // picker group, e.g. "Llama 3"
  std::string architecture;  // config.json model_type, e.g. "llama"
  std::string source;        // where the numbers come from (config.json URL)
  std::string config_json;   // the config.json it was read from, kept so it can be written back whole

  std::int64_t hidden_size = 0;
  std::int64_t num_hidden_layers = 0;
  std::int64_t num_attention_heads = 0;
  std::int64_t num_key_value_heads = 0;
  std::int64_t head_dim = 0;  // hidden_size / num_attention_heads unless config says otherwise
  std::int64_t intermediate_size = 0;
  std::int64_t vocab_size = 0;
  std::int64_t max_position_embeddings = 0;
  bool tie_word_embeddings = false;
  bool attention_bias = false;         // q/k/v projections carry a bias (Qwen2, gpt-oss)
  bool attention_output_bias = false;  // the output projection too (gpt-oss)
  bool attention_sinks = false;        // one learned sink logit per head (gpt-oss)
  bool qk_norm = false;                // RMS norms on q and k: per head (Qwen3, Gemma 3)
  bool qk_norm_full_width = false;     //   or across all heads (OLMo 2)
  NormStyle norm_style = NormStyle::pre;
  bool ffn_gated = true;           // gate + up + down (SwiGLU); false: up + down only (Nemotron-H)
  bool attention_output_gate = false;  // q_proj also yields a per-head output gate (Qwen3-Next)
  // A Mamba-2 mixer beside attention in every attention layer (Falcon-H1), summed into one residual.
  bool ssm_beside_attention = false;
  bool ssm_norm = true;  // the Mamba-2 mixer's grouped RMS norm (Falcon-H1: mamba_rms_norm)

  // Sliding-window attention: the window, for layers marked sliding.
  std::int64_t sliding_window = 0;
  bool chunked_window = false;  // Llama 4: the window is a fixed chunk (attend within it), not a sliding one

  // Multi-head latent attention (DeepSeek-V2/V3, Kimi K2); kv_lora_rank == 0 means none.
  std::int64_t kv_lora_rank = 0;
  std::int64_t q_lora_rank = 0;  // 0: q is a plain projection
  std::int64_t qk_rope_head_dim = 0;
  std::int64_t qk_nope_head_dim = 0;
  std::int64_t v_head_dim = 0;
  bool is_mla() const { return kv_lora_rank > 0; }

  // Mixture of experts; num_experts == 0 means a dense model.
  std::int64_t num_experts = 0;
  std::int64_t num_experts_per_tok = 0;
  std::int64_t moe_intermediate_size = 0;            // one routed expert's FFN width
  std::int64_t shared_expert_intermediate_size = 0;  // all shared experts together, 0 if none
  std::int64_t first_k_dense_replace = 0;            // leading blocks with a dense FFN
  bool router_bias = false;                          // per-expert score bias (DeepSeek-V3, gpt-oss)
  bool expert_bias = false;                          // biases inside each expert (gpt-oss)
  std::int64_t num_hash_layers = 0;  // DeepSeek-V4: leading MoE layers routed by token id, not a bias
  bool is_moe() const { return num_experts > 0; }

  // DeepSeek-V4 compressed sparse attention: one shared head_dim-wide K=V head, q through a
  // low-rank latent, a grouped low-rank output, per-layer KV compressors and a lightning
  // indexer on the ratio-4 layers, and hyper-connections (hc_mult residual streams).
  std::int64_t o_groups = 0;
  std::int64_t o_lora_rank = 0;
  std::int64_t index_n_heads = 0;
  std::int64_t index_head_dim = 0;
  std::int64_t index_topk = 0;  // compressed entries the indexer picks per query; 0: not known
  std::int64_t hc_mult = 0;
  bool is_compressed_attention() const { return o_lora_rank > 0; }

  // Linear attention (Gated DeltaNet, Qwen3-Next): the layers marked linear.
  std::int64_t linear_num_key_heads = 0;
  std::int64_t linear_num_value_heads = 0;
  std::int64_t linear_key_head_dim = 0;
  std::int64_t linear_value_head_dim = 0;
  // Mamba-2 (Nemotron-H): the layers marked ssm.
  std::int64_t mamba_num_heads = 0;
  std::int64_t mamba_head_dim = 0;
  std::int64_t ssm_state_size = 0;
  std::int64_t ssm_groups = 0;
  std::int64_t conv_kernel = 0;  // the short convolution of both kinds
  bool shared_expert_gate = false;  // a sigmoid gate on the shared expert (Qwen2-MoE, Qwen3-Next)

  // Multi-token-prediction layers after the last block (num_nextn_predict_layers). Checkpoints
  // keep them; llama.cpp's GGUFs drop them, and parameter counts leave them out.
  std::int64_t mtp_layers = 0;
  std::int64_t mtp_compress_ratio = 0;
  bool mtp_own_embeddings = false;  // GLM-4.5: each MTP layer has its own embedding and output head

  std::vector<LayerSpec> layers;  // one per block; see resolve_layers()

  // The publisher's parameter count, when known: reference tests compare the inventory with it,
  // within 0.5% or half a unit of the figure's last significant digit ("1.6T"), whichever is larger.
  std::int64_t published_parameters = 0;
  std::int64_t published_parameters_digits = 0;  // significant digits; 0: exact
  bool published_parameters_include_mtp = false;  // the figure counts the MTP layers (a checkpoint's total)
  std::string published_parameters_source;

  // What an importer could not read exactly (an unknown model_type read by its common fields).
  std::vector<std::string> warnings;

  // Set for a model imported from a GGUF: its tensors' own bytes (see FileWeights).
  std::optional<FileWeights> file_weights;
};

// Fills `layers` when it is empty: full attention everywhere, MoE after first_k_dense_replace.
void resolve_layers(ModelSpec& spec);

// Throws InputError naming the first bad field (prefix: the JSON path of the spec).
void validate(const ModelSpec& spec, const std::string& path);

const char* to_string(LayerAttention kind);

}  // namespace headroom
