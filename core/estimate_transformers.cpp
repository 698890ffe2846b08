// Hugging Face Transformers' layout (engine "transformers"); the memory model is in
// transformers_layout.h.
#include "errors.h"
#include "estimate_parts.h"
#include "units.h"

namespace headroom::detail {

// One device (device_map across several GPUs is not modelled), the checkpoint's weights, the
// DynamicCache, the larger of the prefill and end-of-generation peaks, and the CUDA context.
Estimate estimate_transformers(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const StorageType& kv_type,
                               const Catalog& catalog, const EngineDefaults& engine) {
  if (!transformers_loads(mix)) {
    std::string formats;
    for (const auto& m : catalog.quants.mixes())
      if (transformers_loads(m)) formats += (formats.empty() ? "" : ", ") + m.id;
    throw InputError("quant", "\"" + sc.quant + "\" is not a format Transformers runs as stored here (a GGUF mix, which "
                              "Transformers dequantizes on load, or MLX/ExLlama's own); choose " + formats);
  }
  if (sc.kv_cache_type != "f16" && sc.kv_cache_type != "bf16")
    throw InputError("kv_cache_type", "Transformers' DynamicCache is in the model's dtype, f16 or bf16; its QuantizedCache "
                                      "is not modelled (got \"" + sc.kv_cache_type + "\")");
  if (!sc.kv_cache_type_v.empty() && sc.kv_cache_type_v != sc.kv_cache_type)
    throw InputError("kv_cache_type_v", "Transformers has one cache dtype for K and V; leave kv_cache_type_v unset");
  if (sc.offload.mode != OffloadMode::automatic && sc.offload.mode != OffloadMode::gpu_only)
    throw InputError("offload.mode", std::string("Transformers is estimated with the whole model on one device: auto or "
                                                 "gpu_only (got \"") + to_string(sc.offload.mode) + "\")");
  const std::vector<const HardwareSpec*> devices = expand_devices(sc, catalog);
  if (devices.size() > 1)
    throw InputError("hardware", "Transformers is estimated on one device (got " + std::to_string(devices.size()) +
                                     "); device_map=\"auto\" across several GPUs is not modelled yet");

  Estimate e;
  e.warnings = spec.warnings;
  const auto weights = set_weights(e, spec, mix, catalog);
  TransformersLayout t = transformers_layout({spec, *engine.transformers, kv_type, sc.context, effective_prompt_tokens(sc),
                                              sc.sequences});
  e.warnings.insert(e.warnings.end(), t.notes.begin(), t.notes.end());
  e.kv_cache_bytes = t.kv.bytes;
  e.compute_buffer_bytes = t.working_bytes;
  const HardwareSpec* device = devices.empty() ? nullptr : devices[0];
  const bool cuda = device == nullptr || device->kind == DeviceKind::gpu;
  e.overhead_bytes = cuda ? engine.gpu_runtime_overhead_bytes : 0;
  e.total_bytes = e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes;
  if (spec.is_mla()) {
    e.working.kv = kv_working(spec, kv_type, kv_type, t.kv);
    e.working.kv.k_row = spec.num_attention_heads * (spec.qk_nope_head_dim + spec.qk_rope_head_dim);
    e.working.kv.v_row = spec.num_attention_heads * spec.v_head_dim;
    e.working.kv.bytes_per_cell = tensor_bytes(kv_type, e.working.kv.k_row, 1) + tensor_bytes(kv_type, e.working.kv.v_row, 1);
  } else {
    e.working.kv = kv_working(spec, kv_type, kv_type, t.kv);
  }

  if (device) {
    DeviceUsage u;
    u.name = device->name;
    u.kind = device->kind;
    u.weights_bytes = e.weights_bytes;
    u.kv_cache_bytes = e.kv_cache_bytes;
    u.compute_buffer_bytes = e.compute_buffer_bytes;
    u.overhead_bytes = e.overhead_bytes;
    u.used_bytes = e.total_bytes;
    u.capacity_bytes = device->memory_bytes;
    u.layers = std::int64_t(spec.layers.size());
    u.fits = u.used_bytes <= u.capacity_bytes;
    e.fits = u.fits;
    e.devices.push_back(u);
    if (!cuda)
      e.warnings.push_back("Transformers on " + device->name + " runs PyTorch's " +
                           std::string(device->kind == DeviceKind::cpu ? "CPU" : "MPS") +
                           " backend; its memory there is not checked against published figures.");
    const std::int64_t seqs = std::max<std::int64_t>(sc.sequences, 1);
    set_speed(e, one_device_speed({sc, spec, *weights, e.devices[0], device, t.kv.bytes / seqs, 1, t.prompt_tokens, seqs},
                                  catalog, engine));
    e.warnings.push_back("Transformers speed: llama.cpp's calibrated share of the device, an upper bound (eager PyTorch "
                         "launches many more kernels per token); not checked against Transformers benchmarks.");
  } else {
    e.warnings.push_back("No hardware selected: memory is Transformers' peak on one GPU, and nothing is checked for fit.");
  }
  if (t.prefill_peak)
    e.warnings.push_back("The estimated peak is at the end of prefill: the " + std::to_string(t.prompt_tokens) +
                         "-token prompt goes through the model in one pass, its activations on top of its cache. A bound: "
                         "Qwen's published long-prompt runs peak at the end of generation instead (docs/ACCURACY.md).");

  e.plan = {std::int64_t(spec.layers.size()), std::int64_t(spec.layers.size()), 0, t.kv.cells, true, t.prompt_tokens, ""};
  e.commands.transformers = "model = AutoModelForCausalLM.from_pretrained(MODEL, dtype=\"auto\", device_map=\"cuda\")\n"
                            "out = model.generate(**inputs, max_new_tokens=" +
                            std::to_string(std::max<std::int64_t>(sc.context - t.prompt_tokens, 1)) + ")";
  if (sc.context > spec.max_position_embeddings)
    e.warnings.push_back("Context " + std::to_string(sc.context) + " is longer than the model was trained for (" +
                         std::to_string(spec.max_position_embeddings) + " tokens).");
  e.transformers = std::move(t);
  return e;
}

}  // namespace headroom::detail
