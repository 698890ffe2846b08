// mlx-lm's layout (engine "mlx"); the memory model is in mlx_layout.h.
#include <algorithm>

#include "errors.h"
#include "estimate_parts.h"
#include "units.h"

namespace headroom::detail {

// One device, the weights as MLX stores them, the KV cache grown in
// 256-token steps and the working set of the largest prefill step.
Estimate estimate_mlx(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const StorageType& kv_type,
                      const Catalog& catalog, const EngineDefaults& engine) {
  if (!mlx_serves(mix)) {
    std::string formats;
    for (const auto& m : catalog.quants.mixes())
      if (mlx_serves(m)) formats += (formats.empty() ? "" : ", ") + m.id;
    throw InputError("quant", "\"" + sc.quant + "\" is not a format mlx-lm loads here (a GGUF quantization mix or another "
                              "engine's checkpoint format); choose " + formats);
  }
  // --kv-bits 8/4 with the default group of 64 stores, per 64 values, the packed values and an
  // f16 scale and bias: 8.5 and 4.5 bits, exactly ggml's q8_0 and q4_0, so those names stand for it.
  const int kv_bits = sc.kv_cache_type == "q8_0" ? 8 : sc.kv_cache_type == "q4_0" ? 4 : 0;
  if (kv_bits == 0 && sc.kv_cache_type != "f16" && sc.kv_cache_type != "bf16")
    throw InputError("kv_cache_type", "mlx-lm's KV cache is the model's float type (f16, bf16) or --kv-bits 8 or 4 "
                                      "(q8_0, q4_0: the same bytes per value); got \"" + sc.kv_cache_type + "\"");
  if (kv_bits > 0) {
    const bool sliding = std::any_of(spec.layers.begin(), spec.layers.end(),
                                     [](const LayerSpec& l) { return l.attention != LayerAttention::full; });
    if (spec.is_mla() || sliding || spec.head_dim % 64 != 0)
      throw InputError("kv_cache_type", "mlx-lm's --kv-bits quantizes plain full-attention caches whose head width divides "
                                        "by 64; " + (spec.name.empty() ? spec.id : spec.name) +
                                        " has MLA, sliding-window or other layers, or head_dim " + std::to_string(spec.head_dim) +
                                        ": use f16 or bf16");
  }
  if (!sc.kv_cache_type_v.empty() && sc.kv_cache_type_v != sc.kv_cache_type)
    throw InputError("kv_cache_type_v", "mlx-lm has one cache type for K and V; leave kv_cache_type_v unset");
  if (sc.offload.mode != OffloadMode::automatic && sc.offload.mode != OffloadMode::gpu_only)
    throw InputError("offload.mode", std::string("mlx-lm keeps the whole model in its device's memory: auto or gpu_only (got \"") +
                                         to_string(sc.offload.mode) + "\")");
  const std::vector<const HardwareSpec*> devices = expand_devices(sc, catalog);
  if (devices.size() > 1)
    throw InputError("hardware", "mlx_lm.generate runs a model on one device (got " + std::to_string(devices.size()) +
                                     "); sharding over several Macs (mlx.launch) is not modelled");

  Estimate e;
  e.warnings = spec.warnings;
  const auto weights = set_weights(e, spec, mix, catalog);
  MlxLayout m = mlx_layout({spec, *engine.mlx, kv_type, sc.context, effective_prompt_tokens(sc), sc.sequences,
                            sc.n_ubatch.value_or(0)});
  e.warnings.insert(e.warnings.end(), m.notes.begin(), m.notes.end());
  e.kv_cache_bytes = m.kv.bytes;
  e.compute_buffer_bytes = m.working_bytes;
  e.overhead_bytes = engine.gpu_runtime_overhead_bytes;
  e.total_bytes = e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes;
  e.working.kv = kv_working(spec, kv_type, kv_type, m.kv);

  const HardwareSpec* device = devices.empty() ? nullptr : devices[0];
  if (device) {
    DeviceUsage u;
    u.name = device->name;
    u.kind = device->kind;
    u.weights_bytes = e.weights_bytes;
    u.kv_cache_bytes = e.kv_cache_bytes;
    u.compute_buffer_bytes = e.compute_buffer_bytes;
    u.overhead_bytes = e.overhead_bytes;
    u.used_bytes = e.total_bytes;
    const bool metal = has_metal_wired_limit(*device);
    u.capacity_bytes = metal ? engine.unified_memory_limit(device->memory_bytes) : device->memory_bytes;
    u.layers = std::int64_t(spec.layers.size());
    u.fits = u.used_bytes <= u.capacity_bytes;
    e.fits = u.fits;
    e.devices.push_back(u);
    if (metal) {
      // mlx-lm's wired_limit(): a warning once the weights pass 90% of the recommended working set.
      if (double(e.weights_bytes) > engine.mlx->wired_warning_share * double(u.capacity_bytes))
        e.warnings.push_back("mlx-lm warns that the model (" + format_bytes(e.weights_bytes, ByteUnit::gb) +
                             ") is close to the maximum recommended size (" + format_bytes(u.capacity_bytes, ByteUnit::gb) +
                             "): generation can be slow; sudo sysctl iogpu.wired_limit_mb=N raises the limit.");
      else if (!u.fits)
        e.warnings.push_back(device->name + ": macOS lets the GPU use " + format_bytes(u.capacity_bytes, ByteUnit::gb) + " of " +
                             format_bytes(device->memory_bytes, ByteUnit::gb) +
                             " by default; sudo sysctl iogpu.wired_limit_mb=N raises it.");
    } else {
      e.warnings.push_back("mlx-lm on " + device->name + " runs MLX's " +
                           std::string(device->kind == DeviceKind::cpu ? "CPU" : "CUDA") +
                           " backend; its memory there is not checked against published figures.");
    }
    const std::int64_t seqs = std::max<std::int64_t>(sc.sequences, 1);
    set_speed(e, one_device_speed({sc, spec, *weights, e.devices[0], device, m.kv.bytes / seqs, 1, m.prefill_step_size, seqs},
                                  catalog, engine));
    e.warnings.push_back("MLX speed: llama.cpp's calibrated share of the device; not checked against mlx-lm benchmarks.");
  } else {
    e.warnings.push_back("No hardware selected: memory is mlx-lm's peak on one device, and nothing is checked for fit.");
  }

  e.plan = {std::int64_t(spec.layers.size()), std::int64_t(spec.layers.size()), 0, m.kv.cells, true, m.prefill_step_size, ""};
  const std::int64_t prompt = m.prompt_tokens;
  std::string cmd = "mlx_lm.generate --model MODEL --prompt - --max-tokens " + std::to_string(std::max<std::int64_t>(sc.context - prompt, 1));
  if (kv_bits > 0) cmd += " --kv-bits " + std::to_string(kv_bits) + " --kv-group-size 64";
  if (sc.sequences > 1) cmd = "mlx_lm.server --model MODEL  # " + std::to_string(sc.sequences) + " requests batched together";
  e.commands.mlx = cmd;
  if (sc.context > spec.max_position_embeddings)
    e.warnings.push_back("Context " + std::to_string(sc.context) + " is longer than the model was trained for (" +
                         std::to_string(spec.max_position_embeddings) + " tokens).");
  e.mlx = std::move(m);
  return e;
}

}  // namespace headroom::detail
