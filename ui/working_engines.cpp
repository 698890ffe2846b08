#include "working_engines.h"

#include "working_text.h"

namespace headroom::ui {

void vllm_memory(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  const VllmLayout& v = *e.vllm;
  const std::string per_gpu = v.tensor_parallel_size > 1 ? " per GPU" : "";
  heading(fonts, "KV cache", format_bytes(e.kv_cache_bytes, u), color::kv_cache());
  if (v.visible_memory_bytes > 0) {
    say("vLLM gives the KV cache what is left of its budget" + per_gpu + ": " + format_bytes(v.visible_memory_bytes, u) +
        " x gpu_memory_utilization " + printf_string("%.2f", v.gpu_memory_utilization) + " = " +
        format_bytes(v.budget_bytes, u) + ", less the weights " + format_bytes(v.weights_bytes, u) +
        ", the activation peak " + format_bytes(v.activation_peak_bytes, u) + " and the memory outside PyTorch " +
        format_bytes(v.non_torch_bytes, u) + " = " + format_bytes(v.kv_cache_bytes_available, u) + ".");
  } else {
    say("The KV cache vLLM would be given (kv_cache_memory_bytes): " + format_bytes(v.kv_cache_bytes_available, u) +
        per_gpu + ".");
  }
  if (v.kv_bytes_per_token > 0) {
    say(format_bytes(v.kv_cache_bytes_available, u) + " / (" + n(v.kv_bytes_per_token) + " B per token x " +
        n(v.block_size) + " tokens per block) = " + n(v.gpu_blocks) + " blocks = " + n(v.kv_cache_tokens) +
        " tokens: " + printf_string("%.2f", v.max_concurrency) + " requests of " + n(state.scenario().context) +
        " tokens (--max-model-len) at once.");
  }
  if (v.kv_bytes_per_request > 0)
    note("Sliding windows and recurrent states take " + format_bytes(v.kv_bytes_per_request, u) + " per request.");
  if (v.tensor_parallel_size > 1)
    note("Each of the " + n(v.tensor_parallel_size) + " GPUs (tensor parallel) holds the same; the totals add them.");
  for (const std::string& line : v.notes) note(line);

  heading(fonts, "Compute buffer", format_bytes(e.compute_buffer_bytes, u), color::compute());
  say("The activation peak of vLLM's profiling run, one forward pass of " + n(v.max_num_batched_tokens) +
      " tokens (max_num_batched_tokens): " + format_bytes(v.activation_peak_bytes, u) + per_gpu + ".");

  heading(fonts, "Overhead", format_bytes(e.overhead_bytes, u), color::overhead());
  say("Memory outside PyTorch's allocator (CUDA context, NCCL buffers): " + format_bytes(v.non_torch_bytes, u) + per_gpu +
      (v.cuda_graph_bytes > 0 ? ", and the CUDA graphs captured after the budget was set: " + format_bytes(v.cuda_graph_bytes, u)
                              : std::string()) +
      ".");
}

void mlx_memory(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  const MlxLayout& m = *e.mlx;
  heading(fonts, "Compute buffer", format_bytes(e.compute_buffer_bytes, u), color::compute());
  say("mlx-lm's working set for its largest prefill step: " + n(m.prefill_chunk) + " tokens (prefill_step_size " +
      n(m.prefill_step_size) + ") attending to " + n(m.prefill_context) + " keys. Activations " +
      format_bytes(m.activation_bytes, u) + " + the largest layer's cache, copied when it grows, " +
      format_bytes(m.cache_growth_bytes, u) + (m.attention_bytes > 0 ? " + attention " + format_bytes(m.attention_bytes, u) : "") +
      " = " + format_bytes(m.working_bytes, u) + ".");
  for (const std::string& line : m.notes) note(line);

  heading(fonts, "Overhead", format_bytes(e.overhead_bytes, u), color::overhead());
  say("Metal's runtime before any array: " + format_bytes(e.overhead_bytes, u) + ".");
}

void transformers_memory(const AppState& state, const Estimate& e, const Fonts& fonts) {
  const ByteUnit u = state.unit;
  const TransformersLayout& t = *e.transformers;
  heading(fonts, "Compute buffer", format_bytes(e.compute_buffer_bytes, u), color::compute());
  const std::int64_t at_prefill = t.kv_prompt_bytes + t.prefill_bytes;
  const std::int64_t at_end = t.kv.bytes + t.decode_bytes;
  say("End of prefill: the cache " + format_bytes(t.kv_prompt_bytes, u) + " + the prompt's activations and the last "
      "token's logits " + format_bytes(t.prefill_bytes, u) + " = " + format_bytes(at_prefill, u) + ".");
  say("End of decoding: the cache " + format_bytes(t.kv.bytes, u) + " + one layer's cache, copied as torch.cat grows "
      "it, and the logits " + format_bytes(t.decode_bytes, u) + " = " + format_bytes(at_end, u) + ".");
  say("The larger (" + std::string(t.prefill_peak ? "prefill" : "decoding") + "), less the full cache counted above, + "
      "cuBLAS workspace " + format_bytes(t.cublas_workspace_bytes, u) + " = " + format_bytes(t.working_bytes, u) +
      " (torch.cuda.max_memory_allocated less the weights and the cache).");
  for (const std::string& line : t.notes) note(line);

  heading(fonts, "Overhead", format_bytes(e.overhead_bytes, u), color::overhead());
  say(e.overhead_bytes > 0 ? "The CUDA context, outside PyTorch's allocator: " + format_bytes(e.overhead_bytes, u) + "."
                           : "No CUDA context on this device.");
}

}  // namespace headroom::ui
