#include "vllm_layout.h"

#include <algorithm>
#include <cmath>

#include "errors.h"
#include "kv_cache.h"

namespace headroom {
namespace {

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

void check_tensor_parallel(const ModelSpec& s, std::int64_t tp) {
  const std::string name = s.name.empty() ? s.id : s.name;
  if (s.num_attention_heads % tp != 0)
    throw InputError("hardware", "vLLM's tensor parallel size (" + std::to_string(tp) +
                                     " GPUs) must divide the model's num_attention_heads (" +
                                     std::to_string(s.num_attention_heads) + ", " + name + ")");
  const std::int64_t kv = s.num_key_value_heads;
  if (!s.is_mla() && kv > 0 && (kv >= tp ? kv % tp != 0 : tp % kv != 0))
    throw InputError("hardware", "vLLM's tensor parallel size (" + std::to_string(tp) +
                                     " GPUs) and the model's num_key_value_heads (" + std::to_string(kv) +
                                     ", " + name + ") must divide one another");
}

// FFN width one token passes through on one rank (the widest block's).
std::int64_t ffn_width_per_rank(const ModelSpec& s, std::int64_t tp) {
  std::int64_t dense = 0, moe = 0;
  for (const auto& l : s.layers) {
    if (l.ffn == LayerFfn::dense) dense = s.intermediate_size;
    if (l.ffn == LayerFfn::moe) moe = s.num_experts_per_tok * s.moe_intermediate_size + s.shared_expert_intermediate_size;
  }
  return ceil_div(std::max(dense, moe), tp);
}

}  // namespace

VllmLayout vllm_layout(const VllmRequest& r) {
  const ModelSpec& s = r.spec;
  const VllmDefaults& d = r.defaults;
  const std::int64_t tp = std::max<std::int64_t>(r.tensor_parallel_size, 1);
  check_tensor_parallel(s, tp);

  VllmLayout v;
  v.tensor_parallel_size = tp;
  v.block_size = d.block_size;
  v.gpu_memory_utilization = r.gpu_memory_utilization.value_or(d.gpu_memory_utilization);
  const bool large_gpu = d.large_gpu_min_memory_bytes > 0 && r.gpu_memory_bytes >= d.large_gpu_min_memory_bytes &&
                         (d.large_gpu_exclude.empty() || r.gpu_name.find(d.large_gpu_exclude) == std::string::npos);
  v.max_num_batched_tokens =
      r.max_num_batched_tokens.value_or(large_gpu ? d.large_gpu_max_num_batched_tokens : d.max_num_batched_tokens);
  v.max_num_seqs = large_gpu ? d.large_gpu_max_num_seqs : d.max_num_seqs;

  // Per token and rank: K and V rows of the rank's KV heads (at least one), or MLA's whole latent.
  const std::int64_t kv_heads = s.is_mla() ? 0 : std::max<std::int64_t>(s.num_key_value_heads / tp, 1);
  const std::int64_t row_bytes =
      s.is_mla() ? (s.kv_lora_rank + s.qk_rope_head_dim) * r.kv_element_bytes : 2 * kv_heads * s.head_dim * r.kv_element_bytes;
  const std::int64_t len_blocks = ceil_div(r.max_model_len, d.block_size) * d.block_size;
  // Recurrent layers: llama.cpp's F32 state (kv_cache.h), in vLLM's default state dtype (the model's, 2 bytes).
  KvCache one;
  bool recurrent = false;
  for (const auto& l : s.layers)
    recurrent = recurrent || l.attention == LayerAttention::linear || l.attention == LayerAttention::ssm ||
                l.attention == LayerAttention::conv;
  if (recurrent) {
    StorageType f16;
    f16.id = "F16";
    f16.block_elements = 1;
    f16.block_bytes = 2;
    one = kv_cache(s, f16, f16, {r.max_model_len, 1, d.block_size, d.block_size});
  }
  bool sliding = false, compressed = false;
  for (std::size_t il = 0; il < s.layers.size(); ++il) {
    switch (s.layers[il].attention) {
      case LayerAttention::full: v.kv_bytes_per_token += row_bytes; break;
      case LayerAttention::sliding:
        sliding = true;
        // vLLM's admission bound for a window (SlidingWindowSpec.max_admission_blocks_per_request):
        // the window and one step's tokens, capped at max_model_len, plus a block the window may straddle.
        v.kv_bytes_per_request +=
            (ceil_div(std::min(std::max<std::int64_t>(s.sliding_window - 1, 0) + v.max_num_batched_tokens, r.max_model_len),
                      d.block_size) + 1) * d.block_size * row_bytes;
        break;
      case LayerAttention::compressed:
        compressed = true;
        v.kv_bytes_per_token += row_bytes;
        break;
      case LayerAttention::none: break;
      default:
        v.kv_bytes_per_request += ceil_div(one.layer_bytes[il] / 2, tp);
        break;
    }
  }
  if (sliding)
    v.notes.push_back("Sliding-window layers: each request holds its window plus one step's tokens in whole blocks (vLLM's "
                      "admission bound), taken from the same block pool as the full-attention layers; vLLM's padding of "
                      "unequal layer groups is left out, and no vLLM log of such a model has checked it.");
  if (recurrent)
    v.notes.push_back("Linear-attention and state-space layers keep one state per request in vLLM, padded to the attention page size; "
                      "Headroom counts the state in the model's dtype without that padding, not checked against a vLLM log.");
  if (s.ssm_beside_attention)
    v.notes.push_back("The Mamba-2 state beside each attention layer (Falcon-H1) is not counted in vLLM's layout.");
  if (compressed)
    v.notes.push_back("DeepSeek-V4's compressed attention is counted as full attention in vLLM's layout: an upper bound.");

  if (tp > 1)
    v.notes.push_back("With tensor parallelism NCCL and the custom all-reduce also allocate outside PyTorch; the memory "
                      "counted for that is the single-GPU figure (engines.json), so the KV cache may come out a little smaller.");
  v.weights_bytes = ceil_div(r.weights_bytes, tp);
  const double act_per_token = (d.activation_hidden_factor * double(s.hidden_size) +
                                d.activation_intermediate_factor * double(ffn_width_per_rank(s, tp))) *
                               double(d.activation_dtype_bytes);
  v.activation_peak_bytes = std::int64_t(std::ceil(act_per_token * double(v.max_num_batched_tokens)));
  v.non_torch_bytes = d.non_torch_bytes;
  v.cuda_graph_bytes = d.cuda_graph_bytes;
  if (r.gpu_memory_bytes > 0) {
    v.visible_memory_bytes = r.gpu_memory_bytes - d.reserve_for(r.gpu_memory_bytes);
    v.budget_bytes = std::int64_t(double(v.visible_memory_bytes) * v.gpu_memory_utilization);
  }
  if (r.kv_cache_memory_bytes) {
    v.kv_cache_bytes_available = *r.kv_cache_memory_bytes;
  } else if (r.gpu_memory_bytes > 0) {
    v.kv_cache_bytes_available =
        std::max<std::int64_t>(v.budget_bytes - v.weights_bytes - v.activation_peak_bytes - v.non_torch_bytes, 0);
  }

  const std::int64_t avail = v.kv_cache_bytes_available;
  if (avail > 0 && v.kv_bytes_per_request == 0 && v.kv_bytes_per_token > 0) {
    v.gpu_blocks = avail / (d.block_size * v.kv_bytes_per_token);
    v.kv_cache_tokens = v.gpu_blocks * d.block_size;
    v.max_concurrency = double(v.kv_cache_tokens) / double(r.max_model_len);
  } else if (avail > 0) {
    // Hybrid: a request costs its growing layers' blocks plus its fixed windows and states; vLLM
    // then reports tokens as concurrency x max_model_len.
    const std::int64_t per_request = len_blocks * v.kv_bytes_per_token + v.kv_bytes_per_request;
    v.max_concurrency = per_request > 0 ? double(avail) / double(per_request) : 0;
    v.kv_cache_tokens = std::int64_t(v.max_concurrency * double(r.max_model_len));
    v.gpu_blocks = v.kv_cache_tokens / d.block_size;
  }
  return v;
}

}  // namespace headroom
