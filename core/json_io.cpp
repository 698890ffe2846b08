#include "json_io.h"

#include <nlohmann/json.hpp>

#include "catalog_entries.h"
#include "errors.h"
#include "hf_config.h"
#include "json_fields.h"
#include "json_writer.h"
#include "utf8.h"

namespace headroom {
namespace {

using json = nlohmann::ordered_json;
using ordered = nlohmann::ordered_json;

// Limits past which a request is a typo or an attack, not a deployment.
constexpr std::int64_t kMaxContext = 1'000'000'000;
constexpr std::int64_t kMaxSequences = 65'536;
constexpr std::int64_t kMaxDeviceCount = 4'096;

// {"file", "layers": [[bytes, expert bytes], ...], "embedding", "output",
//  "types": [[type, tensors, elements, bytes], ...]}: a model file's own tensor bytes.
constexpr std::int64_t kMaxBytes = std::int64_t(1) << 56;  // 64 PiB: past any model

std::int64_t bytes_at(const json& v, const std::string& path) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > kMaxBytes)
    throw InputError(path, "must be a whole number of bytes (got " + describe(v) + ")");
  return v.get<std::int64_t>();
}

FileWeights file_weights_from_json(const json& j, const std::string& path) {
  if (!j.is_object()) throw InputError(path, "must be an object (got " + describe(j) + ")");
  JsonFields f(j, path);
  FileWeights w;
  w.file = f.string_or("file", "");
  w.embedding_bytes = f.integer("embedding", 0, kMaxBytes);
  w.output_bytes = f.integer("output", 0, kMaxBytes);
  const json& layers = f.raw("layers");
  if (!layers.is_array() || layers.size() > 10'000) throw InputError(f.at("layers"), "must be an array, one [bytes, expert bytes] per block");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string at = f.at("layers") + "[" + std::to_string(i) + "]";
    if (!layers[i].is_array() || layers[i].size() != 2) throw InputError(at, "must be [bytes, expert bytes]");
    w.layer_bytes.push_back(bytes_at(layers[i][0], at + "[0]"));
    w.layer_expert_bytes.push_back(bytes_at(layers[i][1], at + "[1]"));
    if (w.layer_expert_bytes.back() > w.layer_bytes.back()) throw InputError(at, "expert bytes exceed the block's bytes");
  }
  if (f.has("types")) {
    const json& types = f.raw("types");
    if (!types.is_array() || types.size() > 64) throw InputError(f.at("types"), "must be an array of [type, tensors, elements, bytes]");
    for (std::size_t i = 0; i < types.size(); ++i) {
      const std::string at = f.at("types") + "[" + std::to_string(i) + "]";
      const json& t = types[i];
      if (!t.is_array() || t.size() != 4 || !t[0].is_string() || t[0].get<std::string>().size() > 32)
        throw InputError(at, "must be [type, tensors, elements, bytes]");
      w.types.push_back({t[0].get<std::string>(), bytes_at(t[1], at + "[1]"), bytes_at(t[2], at + "[2]"), bytes_at(t[3], at + "[3]")});
    }
  }
  f.finish();
  (void)w.bytes();  // overflow is an error here, not later
  return w;
}

ordered file_weights_to_json(const FileWeights& w) {
  ordered layers = ordered::array();
  for (std::size_t i = 0; i < w.layer_bytes.size(); ++i)
    layers.push_back(ordered::array({w.layer_bytes[i], i < w.layer_expert_bytes.size() ? w.layer_expert_bytes[i] : 0}));
  ordered types = ordered::array();
  for (const FileWeightType& t : w.types) types.push_back(ordered::array({t.type, t.tensors, t.elements, t.bytes}));
  return ordered{{"file", w.file}, {"embedding", w.embedding_bytes}, {"output", w.output_bytes},
                 {"layers", std::move(layers)}, {"types", std::move(types)}};
}

ModelRef model_ref_from_json(const json& j) {
  ModelRef ref;
  if (j.is_string()) {
    ref.id = j.get<std::string>();
    if (ref.id.empty()) throw InputError("model", "must not be empty");
  } else if (j.is_object() && j.contains("hf_config")) {
    JsonFields f(j, "model");
    ModelSpec s = model_from_hf_config(f.raw("hf_config"), "model.hf_config");
    s.name = f.string_or("name", "config.json model");
    if (f.has("file_weights")) s.file_weights = file_weights_from_json(f.raw("file_weights"), "model.file_weights");
    f.finish();
    ref.inline_spec = std::move(s);
  } else if (j.is_object()) {
    // An inline spec is a config.json-shaped object (plus "name"), read strictly.
    ModelSpec s = model_from_hf_config(j, "model", true);
    s.name = j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>() : "Custom model";
    ref.inline_spec = std::move(s);
  } else {
    throw InputError("model", "must be a catalog id, a model spec object or {\"hf_config\": {...}} (got " + describe(j) + ")");
  }
  return ref;
}

HardwareRef hardware_ref_from_json(const json& j, const std::string& path) {
  HardwareRef ref;
  if (j.is_string()) {  // "rtx-4090" as shorthand for {"id": "rtx-4090"}
    ref.id = j.get<std::string>();
    return ref;
  }
  if (!j.is_object()) throw InputError(path, "must be {\"id\", \"count\"} or an inline device (got " + describe(j) + ")");
  if (j.contains("id") && !j.contains("name")) {
    JsonFields f(j, path);
    ref.id = f.string("id");
    ref.count = f.integer_or("count", 1, 1, kMaxDeviceCount);
    f.finish();
    return ref;
  }
  json spec = j;
  if (spec.contains("count")) {
    JsonFields f(j, path);
    ref.count = f.integer("count", 1, kMaxDeviceCount);
    spec.erase("count");
  }
  ref.inline_spec = hardware_from_json(spec, path);
  return ref;
}

Offload offload_from_json(const json& j) {
  if (j.is_string()) return offload_from_json(json{{"mode", j}});  // "gpu_only" for {"mode": "gpu_only"}
  JsonFields f(j, "offload");
  Offload o;
  const std::string mode = f.string_or("mode", "auto");
  if (mode == "auto") o.mode = OffloadMode::automatic;
  else if (mode == "gpu_only") o.mode = OffloadMode::gpu_only;
  else if (mode == "layers") o.mode = OffloadMode::layers;
  else if (mode == "experts_to_cpu") o.mode = OffloadMode::experts_to_cpu;
  else throw InputError("offload.mode", "must be auto, gpu_only, layers or experts_to_cpu (got \"" + mode + "\")");
  o.gpu_layers = f.integer_or("gpu_layers", -1, -1, 100'000);
  o.cpu_moe_layers = f.integer_or("cpu_moe_layers", -1, -1, 100'000);
  if (o.mode == OffloadMode::layers && o.gpu_layers < 0) throw InputError("offload.gpu_layers", "required with mode \"layers\"");
  f.finish();
  return o;
}

ServingRequest serving_from_json(const json& j) {
  if (!j.is_object()) throw InputError("serving", "must be an object {requests, prompt_tokens, output_tokens, max_num_seqs, lengths, vllm_version} (got " + describe(j) + ")");
  JsonFields f(j, "serving");
  ServingRequest r;
  auto count = [&](const char* key, std::int64_t hi, std::optional<std::int64_t>& out) {
    if (f.has(key)) out = f.integer(key, 1, hi);
    else f.ignore(key);
  };
  count("requests", 1'000'000, r.requests);
  count("prompt_tokens", kMaxContext, r.prompt_tokens);
  count("output_tokens", kMaxContext, r.output_tokens);
  count("max_num_seqs", 1 << 20, r.max_num_seqs);
  const std::string lengths = f.string_or("lengths", "sharegpt");
  if (lengths == "fixed") r.lengths = OutputLengths::fixed;
  else if (lengths != "sharegpt")
    throw InputError("serving.lengths", "must be \"sharegpt\" (ShareGPT's spread around the mean) or \"fixed\" (every request the same, as vllm bench's random data set) (got \"" + lengths + "\")");
  r.vllm_version = f.string_or("vllm_version", "");
  if (r.vllm_version == "latest") r.vllm_version.clear();
  f.finish();
  return r;
}

ordered hardware_spec_to_json(const HardwareSpec& h) {
  ordered j{{"name", h.name},
            {"kind", to_string(h.kind)},
            {"memory_bytes", h.memory_bytes},
            {"bandwidth_bytes_per_s", h.bandwidth_bytes_per_s},
            {"fp16_flops", h.fp16_flops}};
  if (h.fp8_flops > 0) j["fp8_flops"] = h.fp8_flops;
  if (h.host_link_bytes_per_s > 0) j["host_link_bytes_per_s"] = h.host_link_bytes_per_s;
  if (!h.id.empty()) j["id"] = h.id;
  // The family travels too: it picks the speed calibration and, for Macs, the Metal limit.
  if (!h.group.empty() && h.group != "Custom") j["group"] = h.group;
  return j;
}

}  // namespace

const char* to_string(OffloadMode mode) {
  switch (mode) {
    case OffloadMode::automatic: return "auto";
    case OffloadMode::gpu_only: return "gpu_only";
    case OffloadMode::layers: return "layers";
    case OffloadMode::experts_to_cpu: return "experts_to_cpu";
  }
  return "?";
}

Scenario scenario_from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    // nlohmann's message names the byte offset and what it expected (numbers past a double's
    // range are out_of_range, not parse_error). It quotes the bytes it read, ill-formed UTF-8
    // included, and the message goes back out as JSON.
    std::string what = repair_utf8(e.what());
    if (auto p = what.find("parse error"); p != std::string::npos) what = what.substr(p);
    throw InputError("", "the scenario is not valid JSON: " + what);
  }
  JsonFields f(j, "");
  Scenario sc;
  sc.model = model_ref_from_json(f.raw("model"));
  sc.quant = f.string_or("quant", sc.quant);
  sc.kv_cache_type = f.string_or("kv_cache_type", sc.kv_cache_type);
  sc.kv_cache_type_v = f.string_or("kv_cache_type_v", "");
  if (sc.kv_cache_type_v == sc.kv_cache_type) sc.kv_cache_type_v.clear();  // one spelling per scenario
  sc.context = f.integer_or("context", sc.context, 1, kMaxContext);
  sc.sequences = f.integer_or("sequences", sc.sequences, 1, kMaxSequences);
  if (f.has("prompt_tokens")) sc.prompt_tokens = f.integer("prompt_tokens", 1, kMaxContext);
  else f.ignore("prompt_tokens");
  if (f.has("disk_bandwidth_bytes_per_s"))
    sc.disk_bandwidth_bytes_per_s = f.integer("disk_bandwidth_bytes_per_s", 1'000'000, std::int64_t(1) << 44);
  else f.ignore("disk_bandwidth_bytes_per_s");
  if (f.has("engine")) sc.engine = engine_from_string(f.string("engine"), "engine");
  else f.ignore("engine");
  if (f.has("flash_attention")) sc.flash_attention = f.boolean_or("flash_attention", true);
  else f.ignore("flash_attention");
  if (f.has("n_ubatch")) sc.n_ubatch = f.integer("n_ubatch", 1, 65'536);
  else f.ignore("n_ubatch");
  sc.lightning_indexer = f.string_or("lightning_indexer", "");
  if (f.has("hardware")) {
    const json& hw = f.raw("hardware");
    if (!hw.is_array()) throw InputError("hardware", "must be an array of devices (got " + describe(hw) + ")");
    if (hw.size() > 64) throw InputError("hardware", "at most 64 entries (got " + std::to_string(hw.size()) + ")");
    for (std::size_t i = 0; i < hw.size(); ++i)
      sc.hardware.push_back(hardware_ref_from_json(hw[i], "hardware[" + std::to_string(i) + "]"));
  } else {
    f.ignore("hardware");
  }
  if (f.has("offload")) sc.offload = offload_from_json(f.raw("offload"));
  else f.ignore("offload");
  if (f.has("gpu_memory_utilization")) {
    const double g = f.number("gpu_memory_utilization", -1e300, 1e300);
    if (!(g > 0 && g <= 1)) throw InputError("gpu_memory_utilization", "must be greater than 0 and at most 1 (got " + describe(f.raw("gpu_memory_utilization")) + ")");
    sc.gpu_memory_utilization = g;
  } else {
    f.ignore("gpu_memory_utilization");
  }
  if (f.has("max_num_batched_tokens")) sc.max_num_batched_tokens = f.integer("max_num_batched_tokens", 1, kMaxContext);
  else f.ignore("max_num_batched_tokens");
  if (f.has("kv_cache_memory_bytes"))
    sc.kv_cache_memory_bytes = f.integer("kv_cache_memory_bytes", 1, std::int64_t(1) << 50);
  else f.ignore("kv_cache_memory_bytes");
  if (f.has("serving")) sc.serving = serving_from_json(f.raw("serving"));
  else f.ignore("serving");
  f.finish();
  if (!sc.lightning_indexer.empty() && sc.engine != Engine::llama_cpp && sc.engine != Engine::ollama)
    throw InputError("lightning_indexer", std::string("is a llama.cpp setting: needs \"engine\": \"llama.cpp\" or \"ollama\" (engine is ") +
                                              to_string(sc.engine) + ")");
  for (const char* key : {"gpu_memory_utilization", "max_num_batched_tokens", "kv_cache_memory_bytes", "serving"})
    if (sc.engine != Engine::vllm && j.contains(key))
      throw InputError(key, std::string("is a vLLM setting: needs \"engine\": \"vllm\" (engine is ") + to_string(sc.engine) + ")");
  return sc;
}

std::string scenario_to_json(const Scenario& sc) {
  ordered j;
  if (sc.model.inline_spec) {
    // Written back as the config.json it came from, so a round trip loses nothing.
    j["model"] = ordered{{"name", sc.model.inline_spec->name}, {"hf_config", model_to_hf_config(*sc.model.inline_spec)}};
    if (sc.model.inline_spec->file_weights) j["model"]["file_weights"] = file_weights_to_json(*sc.model.inline_spec->file_weights);
  }
  else j["model"] = sc.model.id;
  j["quant"] = sc.quant;
  j["kv_cache_type"] = sc.kv_cache_type;
  if (!sc.kv_cache_type_v.empty()) j["kv_cache_type_v"] = sc.kv_cache_type_v;
  j["context"] = sc.context;
  j["sequences"] = sc.sequences;
  if (sc.prompt_tokens) j["prompt_tokens"] = *sc.prompt_tokens;
  j["engine"] = to_string(sc.engine);
  if (sc.flash_attention) j["flash_attention"] = *sc.flash_attention;
  if (sc.n_ubatch) j["n_ubatch"] = *sc.n_ubatch;
  if (!sc.lightning_indexer.empty()) j["lightning_indexer"] = sc.lightning_indexer;
  ordered hw = ordered::array();
  for (const auto& h : sc.hardware) {
    ordered e = h.inline_spec ? hardware_spec_to_json(*h.inline_spec) : ordered{{"id", h.id}};
    e["count"] = h.count;
    hw.push_back(std::move(e));
  }
  j["hardware"] = std::move(hw);
  ordered off{{"mode", to_string(sc.offload.mode)}};
  if (sc.offload.mode == OffloadMode::layers) off["gpu_layers"] = sc.offload.gpu_layers;
  if (sc.offload.mode == OffloadMode::experts_to_cpu && sc.offload.cpu_moe_layers >= 0)
    off["cpu_moe_layers"] = sc.offload.cpu_moe_layers;
  j["offload"] = std::move(off);
  if (sc.gpu_memory_utilization) j["gpu_memory_utilization"] = *sc.gpu_memory_utilization;
  if (sc.max_num_batched_tokens) j["max_num_batched_tokens"] = *sc.max_num_batched_tokens;
  if (sc.kv_cache_memory_bytes) j["kv_cache_memory_bytes"] = *sc.kv_cache_memory_bytes;
  if (sc.disk_bandwidth_bytes_per_s) j["disk_bandwidth_bytes_per_s"] = *sc.disk_bandwidth_bytes_per_s;
  if (sc.serving) {
    const ServingRequest& r = *sc.serving;
    ordered s = ordered::object();
    if (r.requests) s["requests"] = *r.requests;
    if (r.prompt_tokens) s["prompt_tokens"] = *r.prompt_tokens;
    if (r.output_tokens) s["output_tokens"] = *r.output_tokens;
    if (r.max_num_seqs) s["max_num_seqs"] = *r.max_num_seqs;
    if (r.lengths != OutputLengths::sharegpt) s["lengths"] = to_string(r.lengths);
    if (!r.vllm_version.empty()) s["vllm_version"] = r.vllm_version;
    j["serving"] = std::move(s);
  }
  return j.dump();
}

std::string estimate_to_json(const Estimate& e) {
  JsonWriter w;
  w.object();
  w.key("parameters").object().field("total", e.parameters.total).field("active", e.parameters.active).end();
  w.field("weights_bytes", e.weights_bytes)
      .field("kv_cache_bytes", e.kv_cache_bytes)
      .field("compute_buffer_bytes", e.compute_buffer_bytes)
      .field("overhead_bytes", e.overhead_bytes)
      .field("total_bytes", e.total_bytes);
  w.key("devices").array();
  for (const auto& d : e.devices)
    w.object()
        .field("name", d.name)
        .field("kind", to_string(d.kind))
        .field("used_bytes", d.used_bytes)
        .field("capacity_bytes", d.capacity_bytes)
        .field("fits", d.fits)
        .field("weights_bytes", d.weights_bytes)
        .field("kv_cache_bytes", d.kv_cache_bytes)
        .field("compute_buffer_bytes", d.compute_buffer_bytes)
        .field("overhead_bytes", d.overhead_bytes)
        .field("layers", d.layers)
        .end();
  w.end();
  w.field("fits", e.fits)
      .field("decode_tokens_per_s", e.decode_tokens_per_s)
      .field("prefill_tokens_per_s", e.prefill_tokens_per_s);
  w.key("time_to_first_token")
      .object()
      .field("prompt_tokens", e.first_token.prompt_tokens)
      .field("prefill_tokens_per_s", e.first_token.prefill_tokens_per_s)
      .field("seconds", e.first_token.seconds)
      .end();
  w.key("batch")
      .object()
      .field("concurrency", e.batch.concurrency)
      .field("aggregate_tokens_per_s", e.batch.aggregate_tokens_per_s)
      .field("per_sequence_tokens_per_s", e.batch.per_sequence_tokens_per_s)
      .field("expert_union_fraction", e.batch.expert_union_fraction)
      .field("compute_bound", e.batch.compute_bound)
      .end();
  w.key("plan")
      .object()
      .field("gpu_layers", e.plan.gpu_layers)
      .field("total_layers", e.plan.total_layers)
      .field("cpu_moe_layers", e.plan.cpu_moe_layers)
      .field("kv_cells", e.plan.kv_cells)
      .field("flash_attention", e.plan.flash_attention)
      .field("n_ubatch", e.plan.n_ubatch);
  if (!e.plan.lightning_indexer.empty()) w.field("lightning_indexer", e.plan.lightning_indexer);
  w.end();
  w.key("commands").object();
  if (e.vllm) w.field("vllm", e.commands.vllm);
  else if (e.mlx) w.field("mlx", e.commands.mlx);
  else if (e.transformers) w.field("transformers", e.commands.transformers);
  else w.field("llama.cpp", e.commands.llama_cpp).field("ollama", e.commands.ollama);
  w.end();
  w.field("warnings", e.warnings);
  if (e.vllm) {
    const VllmLayout& v = *e.vllm;
    w.key("vllm")
        .object()
        .field("tensor_parallel_size", v.tensor_parallel_size)
        .field("gpu_memory_utilization", v.gpu_memory_utilization)
        .field("max_num_batched_tokens", v.max_num_batched_tokens)
        .field("block_size", v.block_size)
        .field("visible_memory_bytes", v.visible_memory_bytes)
        .field("weights_bytes_per_gpu", v.weights_bytes)
        .field("activation_peak_bytes", v.activation_peak_bytes)
        .field("non_torch_bytes", v.non_torch_bytes)
        .field("cuda_graph_bytes", v.cuda_graph_bytes)
        .field("kv_cache_bytes_available", v.kv_cache_bytes_available)
        .field("kv_bytes_per_token", v.kv_bytes_per_token)
        .field("kv_bytes_per_request", v.kv_bytes_per_request)
        .field("gpu_blocks", v.gpu_blocks)
        .field("kv_cache_tokens", v.kv_cache_tokens)
        .field("max_concurrency", v.max_concurrency)
        .field("max_num_seqs", v.max_num_seqs)
        .end();
  }
  if (e.serving) {
    const ServingEstimate& s = *e.serving;
    w.key("serving")
        .object()
        .field("requests", s.workload.requests)
        .field("prompt_tokens", s.workload.prompt_tokens)
        .field("output_tokens", s.workload.output_tokens)
        .field("max_num_seqs", s.workload.max_num_seqs)
        .field("lengths", to_string(s.workload.lengths))
        .field("vllm_version", s.workload.vllm_version)
        .field("kv_cache_tokens", s.kv_cache_tokens)
        .field("peak_concurrency", s.peak_concurrency)
        .field("limited_by", s.limited_by)
        .field("mean_concurrency", s.mean_concurrency)
        .field("decode_steps", s.decode_steps)
        .field("longest_output", s.longest_output)
        .field("total_prompt_tokens", s.total_prompt_tokens)
        .field("total_output_tokens", s.total_output_tokens)
        .field("prefill_s", s.prefill_s)
        .field("decode_s", s.decode_s)
        .field("scheduler_s", s.scheduler_s)
        .field("duration_s", s.duration_s)
        .field("step_at_peak_s", s.step_at_peak_s)
        .field("output_tokens_per_s", s.output_tokens_per_s)
        .field("total_tokens_per_s", s.total_tokens_per_s)
        .end();
  }
  if (e.mlx) {
    const MlxLayout& m = *e.mlx;
    w.key("mlx")
        .object()
        .field("prefill_step_size", m.prefill_step_size)
        .field("kv_step", m.kv_step)
        .field("prompt_tokens", m.prompt_tokens)
        .field("prefill_chunk", m.prefill_chunk)
        .field("prefill_context", m.prefill_context)
        .field("kv_cells", m.kv.cells)
        .field("activation_bytes", m.activation_bytes)
        .field("cache_growth_bytes", m.cache_growth_bytes)
        .field("attention_bytes", m.attention_bytes)
        .field("working_bytes", m.working_bytes)
        .end();
  }
  if (e.transformers) {
    const TransformersLayout& t = *e.transformers;
    w.key("transformers")
        .object()
        .field("prompt_tokens", t.prompt_tokens)
        .field("kv_cells", t.kv.cells)
        .field("kv_prompt_bytes", t.kv_prompt_bytes)
        .field("prefill_bytes", t.prefill_bytes)
        .field("decode_bytes", t.decode_bytes)
        .field("cublas_workspace_bytes", t.cublas_workspace_bytes)
        .field("working_bytes", t.working_bytes)
        .field("prefill_peak", t.prefill_peak)
        .end();
  }
  return std::move(w.end()).str();
}

namespace {

std::string error_json(std::string_view message, std::string_view field) {
  JsonWriter w;
  w.object().field("error", message).field("field", field).end();
  return std::move(w).str();
}

}  // namespace

std::string estimate_json(std::string_view scenario_text, const Catalog& catalog) {
  try {
    return estimate_to_json(estimate(scenario_from_json(scenario_text), catalog));
  } catch (const InputError& err) {
    return error_json(err.what(), err.field());
  } catch (const std::exception& err) {
    return error_json(err.what(), "");
  }
}

}  // namespace headroom
