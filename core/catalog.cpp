#include "catalog.h"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>

#include "catalog_entries.h"
#include "json_fields.h"

namespace headroom {
namespace {

using json = nlohmann::ordered_json;

std::string entry_path(const char* array, std::size_t i, const json& entry) {
  std::string p = std::string(array) + "[" + std::to_string(i) + "]";
  if (entry.is_object() && entry.contains("id") && entry["id"].is_string())
    p += " (" + entry["id"].get<std::string>() + ")";
  return p;
}

// Every catalog fact carries its source: the field must be there and say something.
std::string source_of(JsonFields& f) {
  std::string source = f.string("source");
  if (source.empty()) throw InputError(f.at("source"), "every catalog fact needs its source");
  return source;
}

const json& array_field(const json& doc, const char* key) {
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array())
    throw InputError(key, "the file must be an object with a \"" + std::string(key) + "\" array");
  return doc[key];
}

template <class T>
void reject_duplicate_ids(const std::vector<T>& items, const char* array) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!seen.insert(items[i].id).second)
      throw InputError(std::string(array) + "[" + std::to_string(i) + "]", "duplicate id '" + items[i].id + "'");
}

void load_models(const json& doc, Catalog& c) {
  const json& arr = array_field(doc, "models");
  for (std::size_t i = 0; i < arr.size(); ++i) c.models.push_back(model_from_json(arr[i], entry_path("models", i, arr[i])));
  reject_duplicate_ids(c.models, "models");
}

LinkSpec link_from_json(const json& entry, const std::string& path) {
  JsonFields f(entry, path);
  LinkSpec l;
  l.id = f.string("id");
  l.name = f.string("name");
  l.bandwidth_bytes_per_s = f.integer("bandwidth_bytes_per_s", 1, kMaxBandwidth);
  l.latency_s = f.number_or("latency_s", 0, 0, 1);
  l.source = f.string_or("source", "");
  f.ignore("notes");
  f.finish();
  validate(l, path);
  return l;
}

void load_hardware(const json& doc, Catalog& c) {
  if (doc.is_object() && doc.contains("links")) {
    const json& links = array_field(doc, "links");
    for (std::size_t i = 0; i < links.size(); ++i) c.links.push_back(link_from_json(links[i], entry_path("links", i, links[i])));
    reject_duplicate_ids(c.links, "links");
  }
  const json& arr = array_field(doc, "hardware");
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string path = entry_path("hardware", i, arr[i]);
    HardwareSpec h = hardware_from_json(arr[i], path);
    if (h.id.empty()) throw InputError(path + ".id", "required field is missing");
    if (h.source.empty()) throw InputError(path + ".source", "every catalog fact needs its source");
    auto find_link = [&](const std::string& id, const char* field) {
      const auto link = std::find_if(c.links.begin(), c.links.end(), [&](const LinkSpec& l) { return l.id == id; });
      if (link == c.links.end()) throw InputError(path + "." + field, "unknown link id '" + id + "' (see \"links\")");
      return *link;
    };
    if (!h.host_link.empty()) {
      const LinkSpec link = find_link(h.host_link, "host_link");
      if (h.host_link_bytes_per_s == 0) h.host_link_bytes_per_s = link.bandwidth_bytes_per_s;
      h.host_link_latency_s = link.latency_s;
    }
    if (!h.peer_link.empty()) {
      const LinkSpec link = find_link(h.peer_link, "peer_link");
      h.peer_link_bytes_per_s = link.bandwidth_bytes_per_s;
      h.peer_link_latency_s = link.latency_s;
    }
    c.hardware.push_back(std::move(h));
  }
  reject_duplicate_ids(c.hardware, "hardware");
}

void load_quants(const json& doc, Catalog& c) {
  std::vector<StorageType> types;
  const json& ta = array_field(doc, "types");
  for (std::size_t i = 0; i < ta.size(); ++i) {
    JsonFields f(ta[i], entry_path("types", i, ta[i]));
    StorageType t;
    t.id = f.string("id");
    if (f.has("block_elements")) {  // a ggml block type
      t.block_elements = f.integer("block_elements", 1, 1 << 20);
      t.block_bytes = f.integer("block_bytes", 1, 1 << 20);
    } else {  // a checkpoint format: bits per element plus scales per tile
      t.element_bits = f.number("element_bits", 0.5, 64);
      const nlohmann::ordered_json& tile = f.raw("scale_tile");
      if (!tile.is_array() || tile.size() != 2 || !tile[0].is_number_integer() || !tile[1].is_number_integer() ||
          tile[0].get<std::int64_t>() < 1 || tile[1].get<std::int64_t>() < 1 || tile[0].get<std::int64_t>() > (1 << 20) ||
          tile[1].get<std::int64_t>() > (1 << 20))
        throw InputError(f.at("scale_tile"), "must be [rows, cols] of positive whole numbers (got " + describe(tile) + ")");
      t.scale_tile_rows = tile[0].get<std::int64_t>();
      t.scale_tile_cols = tile[1].get<std::int64_t>();
      t.scale_bits = f.number("scale_bits", 0, 1024);
    }
    t.fallback = f.string_or("fallback", "");
    t.source = f.string("source");
    f.finish();
    types.push_back(std::move(t));
  }
  reject_duplicate_ids(types, "types");
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (types[i].fallback.empty()) continue;
    const auto fb = std::find_if(types.begin(), types.end(), [&](const StorageType& t) { return t.id == types[i].fallback; });
    if (fb == types.end())
      throw InputError("types[" + std::to_string(i) + "] (" + types[i].id + ").fallback", "unknown type '" + types[i].fallback + "'");
    if (!types[i].is_block_type() || fb->block_elements >= types[i].block_elements)
      throw InputError("types[" + std::to_string(i) + "] (" + types[i].id + ").fallback",
                       "must have smaller blocks than the type it replaces");
  }

  std::vector<QuantMix> mixes;
  const json& ma = array_field(doc, "mixes");
  for (std::size_t i = 0; i < ma.size(); ++i) {
    const std::string path = entry_path("mixes", i, ma[i]);
    JsonFields f(ma[i], path);
    QuantMix m;
    m.id = f.string("id");
    m.name = f.string("name");
    m.default_type = f.string("default_type");
    m.source = f.string("source");
    m.vector_type = f.string_or("vector_type", "F32");
    m.includes_mtp = f.boolean_or("includes_mtp", false);
    if (f.has("bits_per_weight")) {
      JsonFields bf(f.raw("bits_per_weight"), f.at("bits_per_weight"));
      const double lo = bf.number("min", 0.5, 32), hi = bf.number("max", 0.5, 32);
      bf.finish();
      if (!(lo < hi)) throw InputError(f.at("bits_per_weight"), "min must be below max");
      m.bits_range = std::make_pair(lo, hi);
    } else {
      f.ignore("bits_per_weight");
    }
    const json& rules = f.raw("rules");
    if (!rules.is_array()) throw InputError(f.at("rules"), "must be an array");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      JsonFields rf(rules[r], f.at("rules") + "[" + std::to_string(r) + "]");
      QuantRule rule{rf.string("tensor"), rf.string("type"), rf.string_or("layers", "all"), rf.boolean_or("vectors", false), {}};
      if (rf.has("when")) {
        const json& when = rf.raw("when");
        if (!when.is_array()) throw InputError(rf.at("when"), "must be an array of conditions");
        for (const auto& w : when) {
          if (!w.is_string()) throw InputError(rf.at("when"), "must hold strings (got " + describe(w) + ")");
          rule.when.push_back(w.get<std::string>());
        }
      } else {
        rf.ignore("when");
      }
      if (const std::string problem = check_rule_words(rule); !problem.empty())
        throw InputError(rf.path() + "." + problem.substr(0, problem.find(':')), problem.substr(problem.find(':') + 2));
      rf.finish();
      m.rules.push_back(std::move(rule));
    }
    f.ignore("notes");
    f.finish();
    auto known = [&](const std::string& id) {
      for (const auto& t : types)
        if (t.id == id) return true;
      return false;
    };
    if (!known(m.default_type)) throw InputError(path + ".default_type", "unknown type '" + m.default_type + "'");
    if (m.bits_range) {
      const auto t = std::find_if(types.begin(), types.end(), [&](const StorageType& x) { return x.id == m.default_type; });
      if (t->is_block_type() || t->element_bits < m.bits_range->first || t->element_bits > m.bits_range->second)
        throw InputError(path + ".default_type", "a format with bits_per_weight needs a checkpoint type whose element_bits lie in that range");
    }
    if (!known(m.vector_type)) throw InputError(path + ".vector_type", "unknown type '" + m.vector_type + "'");
    for (std::size_t r = 0; r < m.rules.size(); ++r)
      if (!known(m.rules[r].type))
        throw InputError(path + ".rules[" + std::to_string(r) + "].type", "unknown type '" + m.rules[r].type + "'");
    mixes.push_back(std::move(m));
  }
  reject_duplicate_ids(mixes, "mixes");
  // Which checkpoint formats the engines besides llama.cpp load: data with its source.
  if (doc.contains("loaders")) {
    const json& la = array_field(doc, "loaders");
    for (std::size_t i = 0; i < la.size(); ++i) {
      JsonFields f(la[i], "loaders[" + std::to_string(i) + "]");
      const std::string engine = f.string("engine");
      if (engine != "vllm" && engine != "mlx" && engine != "transformers")
        throw InputError(f.at("engine"), "must be \"vllm\", \"mlx\" or \"transformers\" (got \"" + engine + "\")");
      const json& ids = f.raw("mixes");
      if (!ids.is_array() || ids.empty()) throw InputError(f.at("mixes"), "must be a non-empty array of mix ids");
      for (std::size_t k = 0; k < ids.size(); ++k) {
        const std::string at = f.at("mixes") + "[" + std::to_string(k) + "]";
        if (!ids[k].is_string()) throw InputError(at, "must be a mix id (got " + describe(ids[k]) + ")");
        const auto m = std::find_if(mixes.begin(), mixes.end(), [&](const QuantMix& x) { return x.id == ids[k].get<std::string>(); });
        if (m == mixes.end()) throw InputError(at, "unknown mix '" + ids[k].get<std::string>() + "'");
        m->loaded_by.push_back(engine);
      }
      source_of(f);
      f.ignore("notes");
      f.finish();
    }
  }
  c.quants = QuantTable(std::move(types), std::move(mixes));
}

// The "serving" block of the vllm block: step shares, scheduler costs by version, the default workload.
VllmServingDefaults load_vllm_serving(const json& j, const std::string& path) {
  JsonFields f(j, path);
  VllmServingDefaults v;
  v.decode_bandwidth = f.number("decode_bandwidth", 0.01, 1.0);
  v.compute_share = f.number("compute_share", 0.01, 1.0);
  const json& sched = f.raw("scheduler");
  if (!sched.is_array() || sched.empty())
    throw InputError(f.at("scheduler"), "must be a non-empty array of {max_version, per_step_s, per_sequence_s, source}");
  for (std::size_t i = 0; i < sched.size(); ++i) {
    JsonFields sf(sched[i], f.at("scheduler") + "[" + std::to_string(i) + "]");
    SchedulerCost c;
    c.max_version = sf.string_or("max_version", "");
    c.per_step_s = sf.number("per_step_s", 0, 1);
    c.per_sequence_s = sf.number("per_sequence_s", 0, 1);
    c.source = source_of(sf);
    sf.finish();
    if (c.max_version.empty() != (i + 1 == sched.size()))
      throw InputError(sf.at("max_version"), "every entry but the last (the newest vLLM) needs one");
    v.scheduler.push_back(std::move(c));
  }
  JsonFields w(f.raw("workload"), f.at("workload"));
  v.requests = w.integer("requests", 1, 1'000'000);
  v.prompt_tokens = w.integer("prompt_tokens", 1, 1 << 24);
  v.output_tokens = w.integer("output_tokens", 1, 1 << 24);
  source_of(w);
  w.finish();
  JsonFields q(f.raw("sharegpt_output_lengths"), f.at("sharegpt_output_lengths"));
  const json& quantiles = q.raw("quantiles");
  if (!quantiles.is_array() || quantiles.size() < 2)
    throw InputError(q.at("quantiles"), "must be an array of at least two ascending numbers");
  for (const json& x : quantiles) {
    if (!x.is_number() || x.get<double>() < 0 || (!v.sharegpt_output_quantiles.empty() && x.get<double>() < v.sharegpt_output_quantiles.back()))
      throw InputError(q.at("quantiles"), "must be non-negative and ascending (got " + describe(x) + ")");
    v.sharegpt_output_quantiles.push_back(x.get<double>());
  }
  if (v.sharegpt_output_quantiles.back() <= 0) throw InputError(q.at("quantiles"), "must not all be 0");
  source_of(q);
  q.finish();
  v.source = source_of(f);
  f.ignore("notes");
  f.finish();
  return v;
}

// The "vllm" block of the vllm entry: every number with its range, every entry with a source.
VllmDefaults load_vllm_defaults(const json& j, const std::string& path) {
  JsonFields f(j, path);
  VllmDefaults v;
  v.gpu_memory_utilization = f.number("gpu_memory_utilization", 0.01, 1.0);
  v.block_size = f.integer("block_size", 1, 1 << 16);
  v.max_num_batched_tokens = f.integer("max_num_batched_tokens", 1, 1 << 24);
  v.large_gpu_max_num_batched_tokens = f.integer("large_gpu_max_num_batched_tokens", 1, 1 << 24);
  v.large_gpu_min_memory_bytes = f.integer("large_gpu_min_memory_bytes", 0, std::int64_t(1) << 50);
  v.large_gpu_exclude = f.string_or("large_gpu_exclude", "");
  v.max_num_seqs = f.integer_or("max_num_seqs", v.max_num_seqs, 1, 1 << 20);
  v.large_gpu_max_num_seqs = f.integer_or("large_gpu_max_num_seqs", v.large_gpu_max_num_seqs, 1, 1 << 20);
  v.activation_hidden_factor = f.number("activation_hidden_factor", 0, 64);
  v.activation_intermediate_factor = f.number("activation_intermediate_factor", 0, 64);
  v.activation_dtype_bytes = f.integer("activation_dtype_bytes", 1, 8);
  v.non_torch_bytes = f.integer("non_torch_bytes", 0, std::int64_t(1) << 40);
  v.cuda_graph_bytes = f.integer("cuda_graph_bytes", 0, std::int64_t(1) << 40);
  const json& reserve = f.raw("visible_memory_reserve");
  if (!reserve.is_array() || reserve.empty())
    throw InputError(f.at("visible_memory_reserve"), "must be a non-empty array of {max_memory_bytes, reserve_bytes, source}");
  for (std::size_t i = 0; i < reserve.size(); ++i) {
    JsonFields rf(reserve[i], f.at("visible_memory_reserve") + "[" + std::to_string(i) + "]");
    VisibleMemoryReserve r;
    r.max_memory_bytes = rf.integer_or("max_memory_bytes", 0, 0, std::int64_t(1) << 50);
    r.reserve_bytes = rf.integer("reserve_bytes", 0, std::int64_t(1) << 40);
    r.source = source_of(rf);
    rf.finish();
    if (!v.visible_memory_reserve.empty() && v.visible_memory_reserve.back().max_memory_bytes == 0)
      throw InputError(rf.path(), "follows an entry without max_memory_bytes, which already covers every size");
    if (!v.visible_memory_reserve.empty() && r.max_memory_bytes != 0 &&
        r.max_memory_bytes <= v.visible_memory_reserve.back().max_memory_bytes)
      throw InputError(rf.at("max_memory_bytes"), "must be larger than the previous entry's (ascending order)");
    v.visible_memory_reserve.push_back(std::move(r));
  }
  v.serving = load_vllm_serving(f.raw("serving"), f.at("serving"));
  v.source = source_of(f);
  f.ignore("notes");
  f.finish();
  return v;
}

// The "mlx" block of the mlx entry: mlx-lm's cache step, prefill step and activation factors.
MlxDefaults load_mlx_defaults(const json& j, const std::string& path) {
  JsonFields f(j, path);
  MlxDefaults m;
  m.kv_step = f.integer("kv_step", 1, 1 << 20);
  m.prefill_step_size = f.integer("prefill_step_size", 1, 1 << 24);
  m.activation_hidden_factor = f.number("activation_hidden_factor", 0, 64);
  m.activation_intermediate_factor = f.number("activation_intermediate_factor", 0, 64);
  m.activation_dtype_bytes = f.integer("activation_dtype_bytes", 1, 8);
  m.wired_warning_share = f.number("wired_warning_share", 0.1, 1.0);
  m.source = source_of(f);
  f.ignore("notes");
  f.finish();
  return m;
}

// The "transformers" block of the transformers entry: generate()'s working memory.
TransformersDefaults load_transformers_defaults(const json& j, const std::string& path) {
  JsonFields f(j, path);
  TransformersDefaults t;
  t.cublas_workspace_bytes = f.integer("cublas_workspace_bytes", 0, std::int64_t(1) << 34);
  t.prefill_hidden_factor = f.number("prefill_hidden_factor", 0, 64);
  t.activation_dtype_bytes = f.integer("activation_dtype_bytes", 1, 8);
  t.logits_dtype_bytes = f.integer("logits_dtype_bytes", 1, 8);
  t.source = source_of(f);
  f.ignore("notes");
  f.finish();
  return t;
}

// The "lightning_indexer" block of a llama.cpp-family entry: one rule per kind of build.
void load_indexer_rules(const json& j, const std::string& path, EngineDefaults& e) {
  JsonFields f(j, path);
  e.default_indexer_rule = f.string("default");
  const json& rules = f.raw("rules");
  if (!rules.is_array() || rules.empty()) throw InputError(f.at("rules"), "must be a non-empty array of rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    JsonFields rf(rules[i], f.at("rules") + "[" + std::to_string(i) + "]");
    IndexerRule r;
    r.id = rf.string("id");
    r.builds = rf.string("builds");
    r.head_bytes = rf.integer("head_bytes", 0, 64);
    r.cell_bytes = rf.integer("cell_bytes", 0, 64);
    r.copies = rf.integer("copies", 1, 8);
    r.source = source_of(rf);
    rf.ignore("notes");
    rf.finish();
    e.indexer_rules.push_back(std::move(r));
  }
  if (!e.find_indexer_rule(""))
    throw InputError(f.at("default"), "names no rule of this block (\"" + e.default_indexer_rule + "\")");
  f.ignore("notes");
  f.finish();
}

void load_engines(const json& doc, Catalog& c) {
  const json& arr = array_field(doc, "engines");
  for (std::size_t i = 0; i < arr.size(); ++i) {
    JsonFields f(arr[i], entry_path("engines", i, arr[i]));
    EngineDefaults e;
    e.id = f.string("id");
    engine_from_string(e.id, f.at("id"));
    e.n_ubatch = f.integer("n_ubatch", 1, 1 << 20);
    e.kv_context_padding = f.integer("kv_context_padding", 1, 1 << 20);
    e.flash_attention = f.boolean_or("flash_attention", true);
    e.runs_on = f.string_or("runs_on", "");
    if (f.has("default_context")) {
      const json& dc = f.raw("default_context");
      if (!dc.is_array()) throw InputError(f.at("default_context"), "must be an array");
      for (std::size_t d_i = 0; d_i < dc.size(); ++d_i) {
        JsonFields df(dc[d_i], f.at("default_context") + "[" + std::to_string(d_i) + "]");
        DefaultContext d;
        d.max_vram_bytes = df.integer_or("max_vram_bytes", 0, 0, std::int64_t(1) << 50);
        d.context = df.integer("context", 1, std::int64_t(1) << 30);
        source_of(df);
        df.finish();
        e.default_context.push_back(d);
      }
    } else {
      f.ignore("default_context");
    }
    e.gpu_runtime_overhead_bytes = f.integer("gpu_runtime_overhead_bytes", 0, std::int64_t(1) << 40);
    e.cpu_runtime_overhead_bytes = f.integer("cpu_runtime_overhead_bytes", 0, std::int64_t(1) << 40);
    e.fit_margin_bytes = f.integer_or("fit_margin_bytes", 0, 0, std::int64_t(1) << 40);
    e.expert_prefill_efficiency = f.number_or("expert_prefill_efficiency", 1.0, 0.01, 1.0);
    e.expert_prefill_tokens = f.number_or("expert_prefill_tokens", 0, 0, 1e6);
    e.expert_batch_exponent = f.number_or("expert_batch_exponent", 1.0, 0.1, 1.0);
    if (f.has("disk")) {
      JsonFields df(f.raw("disk"), f.at("disk"));
      e.disk_read_bytes_per_s = df.integer("read_bytes_per_s", 1'000'000, std::int64_t(1) << 40);
      source_of(df);
      df.ignore("notes");
      df.finish();
    } else {
      f.ignore("disk");
    }
    if (f.has("op_offload")) {
      JsonFields of(f.raw("op_offload"), f.at("op_offload"));
      e.op_offload_min_batch = of.integer("min_batch", 1, 1 << 20);
      source_of(of);
      of.ignore("notes");
      of.finish();
    } else {
      f.ignore("op_offload");
    }
    if (f.has("attention")) {
      JsonFields af(f.raw("attention"), f.at("attention"));
      AttentionKernels k;
      const std::string mla = af.string("mla");
      if (mla == "absorbed") k.mla = AttentionKernels::Mla::absorbed;
      else if (mla == "absorbed_decode") k.mla = AttentionKernels::Mla::absorbed_decode;
      else if (mla == "expanded") k.mla = AttentionKernels::Mla::expanded;
      else throw InputError(af.at("mla"), "must be \"absorbed\", \"absorbed_decode\" or \"expanded\" (got \"" + mla + "\")");
      k.sparse_topk_only = af.boolean_or("sparse_topk_only", false);
      source_of(af);
      af.ignore("notes");
      af.finish();
      e.attention = k;
    } else {
      f.ignore("attention");
    }
    if (f.has("unified_memory")) {
      const json& um = f.raw("unified_memory");
      if (!um.is_array()) throw InputError(f.at("unified_memory"), "must be an array");
      for (std::size_t u_i = 0; u_i < um.size(); ++u_i) {
        JsonFields uf(um[u_i], f.at("unified_memory") + "[" + std::to_string(u_i) + "]");
        UnifiedMemoryShare u;
        u.max_memory_bytes = uf.integer_or("max_memory_bytes", 0, 0, std::int64_t(1) << 50);
        u.share = uf.number("share", 0.1, 1.0);
        u.source = uf.string("source");
        uf.finish();
        e.unified_memory.push_back(std::move(u));
      }
    } else {
      f.ignore("unified_memory");
    }
    if (f.has("speed")) {
      const json& speed = f.raw("speed");
      if (!speed.is_array()) throw InputError(f.at("speed"), "must be an array of calibrations");
      for (std::size_t s_i = 0; s_i < speed.size(); ++s_i) {
        JsonFields cf(speed[s_i], f.at("speed") + "[" + std::to_string(s_i) + "]");
        SpeedCalibration cal;
        cal.group_prefix = cf.string_or("group_prefix", "");
        cal.kind = cf.string_or("kind", "");
        if (!cal.kind.empty()) device_kind_from_string(cal.kind, cf.at("kind"));
        cal.decode_bandwidth = cf.number("decode_bandwidth", 0.01, 1.0);
        cal.layer_overhead_s = cf.number_or("layer_overhead_s", 0, 0, 0.1);
        cal.prefill_compute = cf.number("prefill_compute", 0.01, 4.0);
        cal.source = cf.string("source");
        cf.ignore("notes");
        cf.finish();
        e.speed.push_back(std::move(cal));
      }
    } else {
      f.ignore("speed");
    }
    if (f.has("lightning_indexer")) load_indexer_rules(f.raw("lightning_indexer"), f.at("lightning_indexer"), e);
    else f.ignore("lightning_indexer");
    if (f.has("vllm")) {
      if (e.id != "vllm") throw InputError(f.at("vllm"), "only the vllm entry has a vllm block");
      e.vllm = load_vllm_defaults(f.raw("vllm"), f.at("vllm"));
    } else if (e.id == "vllm") {
      throw InputError(f.at("vllm"), "required field is missing");
    } else {
      f.ignore("vllm");
    }
    if (f.has("mlx")) {
      if (e.id != "mlx") throw InputError(f.at("mlx"), "only the mlx entry has an mlx block");
      e.mlx = load_mlx_defaults(f.raw("mlx"), f.at("mlx"));
    } else if (e.id == "mlx") {
      throw InputError(f.at("mlx"), "required field is missing");
    } else {
      f.ignore("mlx");
    }
    if (f.has("transformers")) {
      if (e.id != "transformers") throw InputError(f.at("transformers"), "only the transformers entry has a transformers block");
      e.transformers = load_transformers_defaults(f.raw("transformers"), f.at("transformers"));
    } else if (e.id == "transformers") {
      throw InputError(f.at("transformers"), "required field is missing");
    } else {
      f.ignore("transformers");
    }
    e.source = f.string("source");
    f.ignore("notes");
    f.finish();
    c.engines.push_back(std::move(e));
  }
  reject_duplicate_ids(c.engines, "engines");
  // What a wrapping engine takes from the one it runs on (speed is the runtime's, not the wrapper's).
  for (std::size_t i = 0; i < c.engines.size(); ++i) {
    EngineDefaults& e = c.engines[i];
    if (e.runs_on.empty()) continue;
    const auto base = std::find_if(c.engines.begin(), c.engines.end(),
                                   [&](const EngineDefaults& b) { return b.id == e.runs_on && b.runs_on.empty(); });
    if (base == c.engines.end())
      throw InputError("engines[" + std::to_string(i) + "] (" + e.id + ").runs_on",
                       "names no engine that runs on its own (\"" + e.runs_on + "\")");
    if (e.speed.empty()) e.speed = base->speed;
    if (e.unified_memory.empty()) e.unified_memory = base->unified_memory;
    if (e.disk_read_bytes_per_s == 0) e.disk_read_bytes_per_s = base->disk_read_bytes_per_s;
    e.expert_prefill_efficiency = base->expert_prefill_efficiency;
    e.expert_prefill_tokens = base->expert_prefill_tokens;
    e.expert_batch_exponent = base->expert_batch_exponent;
    if (e.op_offload_min_batch == 0) e.op_offload_min_batch = base->op_offload_min_batch;
    if (!e.attention) e.attention = base->attention;
    if (e.indexer_rules.empty()) e.indexer_rules = base->indexer_rules, e.default_indexer_rule = base->default_indexer_rule;
  }
}

}  // namespace

Catalog load_catalog(std::span<const CatalogFile> files) {
  Catalog c;
  for (const auto& file : files) {
    const std::string name(file.name);
    try {
      const json doc = json::parse(file.text);
      if (name == "models.json") load_models(doc, c);
      else if (name == "hardware.json") load_hardware(doc, c);
      else if (name == "quants.json") load_quants(doc, c);
      else if (name == "engines.json") load_engines(doc, c);
      else throw InputError("", "not a catalog file this version knows (models, hardware, quants, engines)");
    } catch (const json::exception& e) {
      throw CatalogError(name + ": malformed JSON: " + e.what());
    } catch (const InputError& e) {
      throw CatalogError(name + ": " + e.what());
    }
  }
  if (c.quants.types().empty()) throw CatalogError("quants.json: missing (no weight types loaded)");
  return c;
}

}  // namespace headroom
