#include "estimate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "compute_buffer.h"
#include "estimate_parts.h"
#include "errors.h"
#include "kv_cache.h"
#include "placement.h"
#include "speed.h"
#include "transfer.h"
#include "units.h"

namespace headroom {
namespace {

// Cache types llama.cpp accepts for -ctk/-ctv (common/arg.cpp kv_cache_types), plus vLLM's fp8.
constexpr const char* kKvTypes[] = {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1", "fp8"};

const StorageType& resolve_kv_type(const std::string& name, const QuantTable& quants,
                                  const char* field = "kv_cache_type") {
  if (std::find(std::begin(kKvTypes), std::end(kKvTypes), name) == std::end(kKvTypes))
    throw InputError(field, "must be one of f32, f16, bf16, fp8, q8_0, q5_1, q5_0, q4_1, q4_0, iq4_nl (got \"" +
                                          name + "\")");
  std::string id = name;
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  const StorageType* t = quants.find_type(id);
  if (!t) throw InputError(field, "type '" + id + "' is missing from quants.json");
  return *t;
}

const QuantMix& resolve_mix(const std::string& id, const QuantTable& quants) {
  if (const QuantMix* m = quants.find_mix(id)) return *m;
  std::string known;
  std::string rates;
  for (const auto& m : quants.mixes()) {
    known += (known.empty() ? "" : ", ") + m.id;
    if (m.bits_range) {
      char range[96];
      std::snprintf(range, sizeof range, "; %s_<bits> for %g to %g bits per weight, two decimals at most", m.id.c_str(),
                    m.bits_range->first, m.bits_range->second);
      rates += range;
    }
  }
  throw InputError("quant", "unknown weight format \"" + id + "\" (known: " + known + rates + ")");
}

}  // namespace

namespace detail {

// One entry per physical device, in order: a count of 13 is 13 entries of the same spec.
std::vector<const HardwareSpec*> expand_devices(const Scenario& sc, const Catalog& catalog) {
  std::vector<const HardwareSpec*> out;
  for (std::size_t i = 0; i < sc.hardware.size(); ++i) {
    const HardwareRef& ref = sc.hardware[i];
    const HardwareSpec* spec = ref.inline_spec ? &*ref.inline_spec : catalog.find_hardware(ref.id);
    if (!spec) throw InputError("hardware[" + std::to_string(i) + "].id", "unknown hardware id \"" + ref.id + "\"");
    out.insert(out.end(), std::size_t(std::max<std::int64_t>(ref.count, 0)), spec);
  }
  return out;
}

// "NVIDIA H100 #3" for the third of several identical devices.
void number_repeated_devices(const Scenario& sc, std::vector<DeviceUsage>& devices) {
  std::size_t at = 0;
  for (const HardwareRef& ref : sc.hardware)
    for (std::int64_t k = 0; k < ref.count && at < devices.size(); ++k, ++at)
      if (ref.count > 1) devices[at].name += " #" + std::to_string(k + 1);
}

// What the KV cache was computed from (kv_cache.h): row widths, cells and layers by kind.
KvWorking kv_working(const ModelSpec& spec, const StorageType& type, const StorageType& v_type, const KvCache& kv) {
  KvWorking w;
  w.type = type.id;
  w.bits_per_element = type.bits_per_weight();
  w.k_row = spec.is_mla() ? spec.kv_lora_rank + spec.qk_rope_head_dim : spec.num_key_value_heads * spec.head_dim;
  w.v_row = spec.is_mla() ? 0 : w.k_row;
  if (&v_type != &type && w.v_row > 0) {
    w.v_type = v_type.id;
    w.v_bits_per_element = v_type.bits_per_weight();
  }
  w.bytes_per_cell = tensor_bytes(type, w.k_row, 1) + (w.v_row > 0 ? tensor_bytes(v_type, w.v_row, 1) : 0);
  w.cells = kv.cells;
  w.window_cells = kv.window_cells;
  for (std::size_t il = 0; il < spec.layers.size(); ++il) {
    switch (spec.layers[il].attention) {
      case LayerAttention::full: ++w.full_layers; break;
      case LayerAttention::sliding: ++w.window_layers; break;
      case LayerAttention::none: break;
      default:
        ++w.other_layers;
        w.other_bytes += il < kv.layer_bytes.size() ? kv.layer_bytes[il] : 0;
        break;
    }
  }
  return w;
}

namespace {

// Appends " NAME VALUE" with no temporary strings: the commands are built on every estimate.
void append_flag(std::string& s, std::string_view name, std::int64_t value) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  s.append(" ").append(name).append(" ").append(digits, std::size_t(end - digits));
}

}  // namespace

// llama-server flags and Ollama parameters that reproduce the plan.
Commands commands_for(const Scenario& sc, const Plan& plan, const Placement& placement) {
  Commands c;
  std::string& f = c.llama_cpp;
  f = "llama-server -m MODEL.gguf";
  append_flag(f, "-c", sc.context * sc.sequences);
  if (sc.sequences > 1) {
    append_flag(f, "-np", sc.sequences);
    f += " -kvu";
  }
  std::size_t gpus = 0;
  for (const auto& d : placement.devices) gpus += d.spec->kind != DeviceKind::cpu;
  // -ngl counts the output layer as one more: n_layer + 1 offloads everything.
  const std::int64_t ngl = plan.gpu_layers >= plan.total_layers ? 999 : plan.gpu_layers;
  if (gpus > 0) {
    append_flag(f, "-ngl", ngl);
    if (plan.cpu_moe_layers >= plan.total_layers) f += " --cpu-moe";
    else if (plan.cpu_moe_layers > 0) append_flag(f, "--n-cpu-moe", plan.cpu_moe_layers);
  } else {
    f += " -ngl 0";
  }
  const std::string& v_type = sc.kv_cache_type_v.empty() ? sc.kv_cache_type : sc.kv_cache_type_v;
  if (sc.kv_cache_type != "f16" || v_type != "f16") f.append(" -ctk ").append(sc.kv_cache_type).append(" -ctv ").append(v_type);
  f += plan.flash_attention ? " -fa on" : " -fa off";
  if (sc.n_ubatch) append_flag(f, "-ub", *sc.n_ubatch);
  std::string& o = c.ollama;
  o = "PARAMETER";
  append_flag(o, "num_ctx", sc.context);
  if (gpus > 0) {
    o += "\nPARAMETER";
    append_flag(o, "num_gpu", ngl);
  }
  return c;
}

void set_speed(Estimate& e, const Speed& speed) {
  e.working.speed = speed.devices;
  e.working.transfers = speed.transfers;
  e.decode_tokens_per_s = speed.decode_tokens_per_s;
  e.prefill_tokens_per_s = speed.prefill_tokens_per_s;
  e.first_token = speed.first_token;
  e.batch = speed.batch;
}

// A short decimal for a command line: 0.9, 0.85.
std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::shared_ptr<const ModelWeights> set_weights(Estimate& e, const ModelSpec& spec, const QuantMix& mix,
                                                const Catalog& catalog) {
  auto weights = catalog.weights(spec, mix);
  e.parameters = weights->parameters;
  e.weights_bytes = weights->bytes;
  e.working.weight_types = weights->by_type;
  e.working.expert_read_fraction = weights->groups.expert_read_fraction;
  return weights;
}

Speed one_device_speed(const OneDevice& in, const Catalog& catalog, const EngineDefaults& engine) {
  const WeightGroups& g = in.weights.groups;
  const std::int64_t tp = in.tp;
  std::int64_t expert_bytes = 0, params = g.output_params, expert_params = 0;
  for (std::size_t i = 0; i < g.layer_bytes.size(); ++i) {
    expert_bytes += g.layer_expert_bytes[i];
    params += g.layer_params[i];
    expert_params += g.layer_expert_params[i];
  }
  Placement one;
  PlacedDevice d;
  d.spec = in.device;
  d.usage = in.usage;
  const double idle_experts = double(expert_bytes) * (1.0 - g.expert_read_fraction);
  d.kv_read_bytes = in.kv_read_bytes;
  d.decode_read_bytes =
      std::int64_t((double(in.weights.bytes - g.embedding_bytes) - idle_experts) / double(tp)) + d.kv_read_bytes;
  d.expert_bytes = expert_bytes / tp;
  d.matmul_params = params / tp;
  d.expert_params = expert_params / tp;
  for (std::int64_t il = 0; il < std::int64_t(in.spec.layers.size()); ++il) d.blocks.push_back(il);
  d.head_share = 1.0 / double(tp);
  one.devices.push_back(std::move(d));
  const EngineDefaults* calib = catalog.find_engine("llama.cpp");
  const SpeedQuery query{in.sc.context, effective_prompt_tokens(in.sc), in.concurrency, 1, in.n_ubatch,
                         g.expert_read_fraction, 0, in.transfers,
                         engine.attention.value_or(AttentionKernels{})};
  return estimate_speed(one, in.spec, query, calib ? *calib : engine);
}

}  // namespace detail

namespace {

using namespace detail;

// vLLM's layout: tensor parallel across identical GPUs, the KV cache takes what the budget leaves.
Estimate estimate_vllm(const Scenario& sc, const ModelSpec& spec, const QuantMix& mix, const Catalog& catalog,
                       const EngineDefaults& engine) {
  auto served = [&](const QuantMix& m) { return vllm_serves(m, catalog.quants); };
  if (!served(mix)) {
    std::string formats;
    for (const auto& m : catalog.quants.mixes())
      if (served(m)) formats += (formats.empty() ? "" : ", ") + m.id;
    throw InputError("quant", "\"" + sc.quant + "\" is not a format vLLM serves here (a GGUF quantization mix or "
                              "MLX); choose a checkpoint format (" + formats + ")");
  }
  if (!sc.kv_cache_type_v.empty() && sc.kv_cache_type_v != sc.kv_cache_type)
    throw InputError("kv_cache_type_v", "vLLM has one KV cache dtype (--kv-cache-dtype) for K and V; leave kv_cache_type_v unset");
  std::int64_t kv_bytes = 2;
  if (sc.kv_cache_type == "fp8") kv_bytes = 1;
  else if (sc.kv_cache_type != "f16" && sc.kv_cache_type != "bf16")
    throw InputError("kv_cache_type", "vLLM's KV cache is f16, bf16 (the model's dtype, --kv-cache-dtype auto) or fp8 (got \"" +
                                          sc.kv_cache_type + "\")");
  if (sc.offload.mode != OffloadMode::automatic && sc.offload.mode != OffloadMode::gpu_only)
    throw InputError("offload.mode", std::string("vLLM keeps the whole model on its GPUs: auto or gpu_only (got \"") +
                                         to_string(sc.offload.mode) + "\")");

  const std::vector<const HardwareSpec*> devices = expand_devices(sc, catalog);
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (devices[i]->kind != DeviceKind::gpu)
      throw InputError("hardware", "vLLM runs on GPUs: " + devices[i]->name + " is a " + to_string(devices[i]->kind) + " device");
    if (devices[i]->memory_bytes != devices[0]->memory_bytes || devices[i]->name != devices[0]->name)
      throw InputError("hardware", "vLLM's tensor parallelism needs identical GPUs (got " + devices[0]->name + " and " +
                                       devices[i]->name + ")");
  }

  Estimate e;
  e.warnings = spec.warnings;
  const auto weights = set_weights(e, spec, mix, catalog);

  const std::int64_t tp = std::max<std::int64_t>(std::int64_t(devices.size()), 1);
  const HardwareSpec* gpu = devices.empty() ? nullptr : devices[0];
  VllmLayout v = vllm_layout({spec, *engine.vllm, kv_bytes, tp, weights->bytes, gpu ? gpu->memory_bytes : 0,
                              gpu ? gpu->name : std::string(), sc.context, sc.gpu_memory_utilization,
                              sc.max_num_batched_tokens, sc.kv_cache_memory_bytes});
  if (sc.serving && sc.serving->max_num_seqs) v.max_num_seqs = *sc.serving->max_num_seqs;
  e.warnings.insert(e.warnings.end(), v.notes.begin(), v.notes.end());

  // The KV cache vLLM allocates: every available byte on every rank; without a GPU, one request.
  const std::int64_t kv_rank = gpu || sc.kv_cache_memory_bytes
                                   ? v.kv_cache_bytes_available
                                   : (sc.context + v.block_size - 1) / v.block_size * v.block_size * v.kv_bytes_per_token +
                                         v.kv_bytes_per_request;
  e.fits = gpu != nullptr;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    DeviceUsage u;
    u.name = devices[i]->name;
    u.kind = devices[i]->kind;
    u.weights_bytes = v.weights_bytes;
    u.kv_cache_bytes = kv_rank;
    u.compute_buffer_bytes = v.activation_peak_bytes;
    u.overhead_bytes = v.non_torch_bytes + v.cuda_graph_bytes;
    u.used_bytes = u.weights_bytes + u.kv_cache_bytes + u.compute_buffer_bytes + u.overhead_bytes;
    u.capacity_bytes = v.visible_memory_bytes;
    u.layers = std::int64_t(spec.layers.size());
    u.fits = u.used_bytes <= u.capacity_bytes && v.kv_cache_bytes_available > 0;
    e.fits = e.fits && u.fits;
    e.devices.push_back(std::move(u));
  }
  number_repeated_devices(sc, e.devices);
  const std::int64_t ranks = gpu ? tp : 1;
  e.kv_cache_bytes = kv_rank * ranks;
  e.compute_buffer_bytes = v.activation_peak_bytes * ranks;
  e.overhead_bytes = (v.non_torch_bytes + v.cuda_graph_bytes) * ranks;
  e.total_bytes = e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes;

  if (!gpu) {
    e.warnings.push_back("No hardware selected: vLLM sizes its KV cache from the GPU's memory, so the cache shown holds one "
                         "request of the context, and nothing is checked for fit.");
  } else if (v.kv_cache_bytes_available <= 0) {
    e.warnings.push_back("The weights (" + format_bytes(v.weights_bytes, ByteUnit::gb) + " per GPU), the activation peak (" +
                         format_bytes(v.activation_peak_bytes, ByteUnit::gb) + ") and memory outside PyTorch leave no room "
                         "for the KV cache within gpu_memory_utilization x memory (" + format_bytes(v.budget_bytes, ByteUnit::gb) +
                         "): vLLM stops at start-up.");
  } else if (v.max_concurrency < double(sc.sequences)) {
    e.fits = false;
    e.warnings.push_back("vLLM's KV cache holds " + std::to_string(v.kv_cache_tokens) + " tokens, less than " +
                         std::to_string(sc.sequences) + " request(s) of max_model_len " + std::to_string(sc.context) +
                         ": vLLM refuses to start; lower --max-model-len or add GPUs.");
  }
  if (gpu && !e.devices.empty() && e.devices[0].used_bytes > e.devices[0].capacity_bytes)
    e.warnings.push_back("Per GPU, the KV cache asked for and the CUDA graphs exceed the memory CUDA reports (" +
                         format_bytes(v.visible_memory_bytes, ByteUnit::gb) + ").");

  e.plan = {std::int64_t(spec.layers.size()), std::int64_t(spec.layers.size()), 0, v.kv_cache_tokens, true,
            v.max_num_batched_tokens, ""};
  std::string cmd = "vllm serve MODEL --max-model-len " + std::to_string(sc.context) + " --tensor-parallel-size " +
                    std::to_string(tp);
  if (sc.kv_cache_memory_bytes) cmd += " --kv-cache-memory-bytes " + std::to_string(*sc.kv_cache_memory_bytes);
  else cmd += " --gpu-memory-utilization " + short_number(v.gpu_memory_utilization);
  if (sc.max_num_batched_tokens) cmd += " --max-num-batched-tokens " + std::to_string(*sc.max_num_batched_tokens);
  if (kv_bytes == 1) cmd += " --kv-cache-dtype fp8";
  if (sc.serving && sc.serving->max_num_seqs) cmd += " --max-num-seqs " + std::to_string(*sc.serving->max_num_seqs);
  e.commands.vllm = cmd;

  // Speed: one rank's share (ranks run in parallel), with llama.cpp's calibration.
  if (gpu) {
    const std::int64_t kv_read = ((sc.context + v.block_size - 1) / v.block_size * v.block_size) * v.kv_bytes_per_token +
                                 v.kv_bytes_per_request;
    // Batch: as many requests of max_model_len as the KV cache holds, up to --max-num-seqs.
    const auto concurrency =
        std::clamp<std::int64_t>(std::int64_t(std::floor(v.max_concurrency)), 1, std::max<std::int64_t>(v.max_num_seqs, 1));
    set_speed(e, one_device_speed({sc, spec, *weights, e.devices[0], gpu, kv_read, tp, v.max_num_batched_tokens, concurrency,
                                   tensor_parallel_transfers(*gpu, tp, spec, v.max_num_batched_tokens, catalog.links)},
                                  catalog, engine));
    if (v.kv_cache_tokens > 0 && (sc.serving || sc.context >= 2))
      e.serving = vllm_serving(sc, spec, mix, *weights, v, *gpu, catalog, *engine.vllm);
    e.warnings.push_back(std::string("vLLM speed: one tensor-parallel rank at llama.cpp's calibrated share of the GPU") +
                         (tp > 1 ? ", plus two all-reduces per layer over the GPUs' link" : "") +
                         "; not checked against vLLM benchmarks (the serving throughput is: docs/ACCURACY.md).");
  }
  if (sc.context > spec.max_position_embeddings)
    e.warnings.push_back("Context " + std::to_string(sc.context) + " is longer than the model was trained for (" +
                         std::to_string(spec.max_position_embeddings) + " tokens); vLLM refuses a --max-model-len past it "
                         "unless VLLM_ALLOW_LONG_MAX_MODEL_LEN=1.");
  e.vllm = std::move(v);
  return e;
}

}  // namespace

bool mlx_serves(const QuantMix& mix) { return mix.loaded_by_engine("mlx"); }

bool vllm_serves(const QuantMix& mix, const QuantTable&) { return mix.loaded_by_engine("vllm"); }

bool transformers_loads(const QuantMix& mix) { return mix.loaded_by_engine("transformers"); }

const ModelSpec& resolve_model(const Scenario& sc, const Catalog& catalog) {
  if (sc.model.inline_spec) return *sc.model.inline_spec;
  if (const ModelSpec* m = catalog.find_model(sc.model.id)) return *m;
  throw InputError("model", "unknown model id \"" + sc.model.id + "\"");
}

Estimate estimate(const Scenario& sc, const Catalog& catalog) {
  using namespace detail;
  if (sc.prompt_tokens && *sc.prompt_tokens > sc.context)
    throw InputError("prompt_tokens", "must not exceed the context (" + std::to_string(*sc.prompt_tokens) + " > " +
                                          std::to_string(sc.context) + ")");
  const ModelSpec& spec = resolve_model(sc, catalog);
  if (sc.model.inline_spec) validate(spec, "model");
  const QuantMix& mix = resolve_mix(sc.quant, catalog.quants);
  const StorageType& kv_type = resolve_kv_type(sc.kv_cache_type, catalog.quants);
  const StorageType& v_type = sc.kv_cache_type_v.empty()
                                  ? kv_type
                                  : resolve_kv_type(sc.kv_cache_type_v, catalog.quants, "kv_cache_type_v");
  const EngineDefaults* engine = catalog.find_engine(to_string(sc.engine));
  if (!engine) engine = catalog.find_engine("llama.cpp");
  if (!engine) throw InputError("engine", "engines.json has no llama.cpp entry");
  if (sc.engine == Engine::vllm && engine->vllm) return estimate_vllm(sc, spec, mix, catalog, *engine);
  if (sc.engine == Engine::mlx && engine->mlx) return detail::estimate_mlx(sc, spec, mix, kv_type, catalog, *engine);
  if (sc.engine == Engine::transformers && engine->transformers)
    return detail::estimate_transformers(sc, spec, mix, kv_type, catalog, *engine);

  Estimate e;
  e.warnings = spec.warnings;
  if (sc.engine != Engine::llama_cpp && engine->id != to_string(sc.engine))
    e.warnings.push_back(std::string("Engine ") + to_string(sc.engine) + " is estimated with llama.cpp's memory layout for now.");
  if (!engine->default_context.empty()) {
    // Ollama picks num_ctx from the GPUs' memory when the Modelfile sets none.
    std::int64_t vram = 0;
    for (const HardwareSpec* d : expand_devices(sc, catalog))
      if (d->kind != DeviceKind::cpu) vram = checked_add(vram, d->memory_bytes, "hardware");
    const std::int64_t picked = engine->context_default_for(vram);
    if (picked > 0 && picked != sc.context)
      e.warnings.push_back("Left to itself " + engine->id + " would use num_ctx " + std::to_string(picked) + " on " +
                           format_bytes(vram, ByteUnit::gib) + " of GPU memory; this estimate is for " +
                           std::to_string(sc.context) + " tokens, which PARAMETER num_ctx " +
                           std::to_string(sc.context) + " (or OLLAMA_CONTEXT_LENGTH) sets.");
  }

  const auto weights = set_weights(e, spec, mix, catalog);
  const std::int64_t n_ubatch = sc.n_ubatch.value_or(engine->n_ubatch);
  const KvCache kv = kv_cache(spec, kv_type, v_type, {sc.context, sc.sequences, engine->kv_context_padding, n_ubatch});
  e.kv_cache_bytes = kv.bytes;
  const bool flash_attention = sc.flash_attention.value_or(engine->flash_attention);
  const IndexerRule* indexer = resolve_indexer_rule(sc, *engine);
  const ComputeBuffer compute = compute_buffer(spec, kv, n_ubatch, flash_attention, indexer);
  e.working.kv = kv_working(spec, kv_type, v_type, kv);
  e.working.compute = {compute.ubatch,         compute.layer_per_token, compute.mask_cells,
                       compute.mask_bytes,     compute.layer_bytes,     compute.logits_bytes,
                       compute.output_bytes,   compute.indexer_rule,    compute.indexer_heads,
                       compute.indexer_cells,  compute.indexer_cell_bytes, compute.indexer_copies,
                       compute.indexer_bytes,  0};

  const std::vector<const HardwareSpec*> devices = expand_devices(sc, catalog);
  const Placement placement = place({weights->groups, kv, compute, *engine, sc.offload, devices});
  e.warnings.insert(e.warnings.end(), placement.notes.begin(), placement.notes.end());
  e.fits = !placement.devices.empty();
  for (const auto& d : placement.devices) {
    e.devices.push_back(d.usage);
    e.compute_buffer_bytes += d.usage.compute_buffer_bytes;
    e.overhead_bytes += d.usage.overhead_bytes;
    e.fits = e.fits && d.usage.fits;
  }
  number_repeated_devices(sc, e.devices);
  for (const auto& d : placement.devices) e.working.compute.indexer_devices += d.runs_indexer ? 1 : 0;
  if (placement.devices.empty()) {
    e.working.compute.indexer_devices = compute.indexer_bytes > 0 ? 1 : 0;
    e.compute_buffer_bytes = compute.output_bytes;
    e.warnings.push_back("No hardware selected: memory is the total for one device, and nothing is checked for fit.");
  }
  for (const auto& d : placement.devices)
    if (has_metal_wired_limit(*d.spec) && d.usage.capacity_bytes < d.spec->memory_bytes) {
      e.warnings.push_back(d.spec->name + ": macOS lets the GPU use " + format_bytes(d.usage.capacity_bytes, ByteUnit::gb) +
                           " of " + format_bytes(d.spec->memory_bytes, ByteUnit::gb) +
                           " by default; sudo sysctl iogpu.wired_limit_mb=N raises it.");
      break;
    }
  if (placement.host_ram_only_bytes > 0)
    e.warnings.push_back("The token embedding table (" + format_bytes(placement.host_ram_only_bytes, ByteUnit::gb) +
                         ") stays in host RAM, as llama.cpp keeps it there; it is not on the GPUs.");
  e.total_bytes = e.weights_bytes + e.kv_cache_bytes + e.compute_buffer_bytes + e.overhead_bytes;

  e.plan = {placement.gpu_layers, std::int64_t(spec.layers.size()), placement.cpu_moe_layers, kv.cells,
            flash_attention, n_ubatch, compute.indexer_rule};
  e.commands = commands_for(sc, e.plan, placement);

  const double disk = double(sc.disk_bandwidth_bytes_per_s.value_or(engine->disk_read_bytes_per_s));
  const SpeedQuery query{sc.context, effective_prompt_tokens(sc), sc.sequences, sc.sequences, n_ubatch,
                         weights->groups.expert_read_fraction, disk,
                         layer_split_transfers(placement, spec, *engine, n_ubatch, catalog.links),
                         engine->attention.value_or(AttentionKernels{})};
  const Speed speed = estimate_speed(placement, spec, query, *engine);
  set_speed(e, speed);
  for (const DeviceSpeed& d : speed.devices)
    if (d.ram_overflow_bytes > 0)
      e.warnings.push_back(d.name + " overflows by " + format_bytes(d.ram_overflow_bytes, ByteUnit::gb) +
                           ": llama.cpp maps the model file (mmap) and pages what does not fit in from disk, " +
                           format_bytes(d.disk_read_bytes, ByteUnit::gb) + " per token at " +
                           format_bytes(std::int64_t(d.disk_bandwidth_bytes_per_s), ByteUnit::gb) +
                           "/s (disk_bandwidth_bytes_per_s). The page cache is assumed to keep what every token reads.");
  if (speed.decode_tokens_per_s > 0 && !speed.calibrated)
    e.warnings.push_back("Speed for this device class is not calibrated on measurements: it assumes the full spec-sheet "
                         "bandwidth and compute, an upper bound.");

  if (sc.context > spec.max_position_embeddings)
    e.warnings.push_back("Context " + std::to_string(sc.context) + " is longer than the model was trained for (" +
                         std::to_string(spec.max_position_embeddings) + " tokens).");
  // Checkpoint formats (norms kept as trained, not F32) are what vLLM, MLX or Transformers load.
  if (mix.vector_type != "F32" && sc.engine == Engine::llama_cpp)
    e.warnings.push_back(mix.name + " is a checkpoint format, not a GGUF: llama.cpp does not load it. The weights are "
                         "the checkpoint's; cache, buffers and the commands follow llama.cpp's layout.");
  if (compute.indexer_bytes > 0) e.warnings.push_back(indexer_warning(compute, *engine, flash_attention));
  if (v_type.is_quantized_cache_type() && !flash_attention)
    e.warnings.push_back("llama.cpp needs flash attention for a quantized V cache.");
  return e;
}

}  // namespace headroom
