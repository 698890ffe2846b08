#include "fit.h"

#include <algorithm>

#include "errors.h"
#include "tensor_inventory.h"

namespace headroom {
namespace {

// An estimate that fits, or nullopt when the scenario cannot be estimated or does not fit.
bool fits(const Scenario& sc, const Catalog& catalog) {
  try {
    return estimate(sc, catalog).fits;
  } catch (const InputError&) {
    return false;
  }
}

// The smallest k in [lo, hi] for which ok(k) holds, ok being monotone; nullopt if none.
template <class Ok>
std::optional<std::int64_t> smallest(std::int64_t lo, std::int64_t hi, Ok ok) {
  if (lo > hi || !ok(hi)) return std::nullopt;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// The same, for answers that are usually near lo (GPU counts): doubling steps find a bracket
// first, so the search never estimates a thousand devices to learn that two suffice.
template <class Ok>
std::optional<std::int64_t> smallest_near_low(std::int64_t lo, std::int64_t hi, Ok ok) {
  std::int64_t below = lo - 1;  // largest k known not to hold
  for (std::int64_t step = 1; below < hi; step *= 2) {
    const std::int64_t k = std::min(hi, below + step);
    if (ok(k)) return smallest(below + 1, k, ok);
    below = k;
  }
  return std::nullopt;
}

bool is_gguf_mix(const QuantMix& mix) {
  return !mix.includes_mtp && mix.vector_type == "F32" && mix.id != "F32" && mix.id.rfind("TQ", 0) != 0;
}

}  // namespace

std::optional<std::int64_t> gpus_needed(Scenario sc, const Catalog& catalog, const std::string& hardware_id,
                                        std::int64_t max_count) {
  if (!catalog.find_hardware(hardware_id)) throw InputError("hardware", "unknown hardware id \"" + hardware_id + "\"");
  sc.offload.mode = OffloadMode::gpu_only;
  if (sc.engine == Engine::vllm) {
    // vLLM's tensor-parallel group must divide the attention heads: only those counts are tried,
    // in order (fitting is monotone over them, not over every count).
    const std::int64_t heads = resolve_model(sc, catalog).num_attention_heads;
    for (std::int64_t n = 1; n <= std::min(max_count, heads); ++n) {
      if (heads % n != 0) continue;
      sc.hardware = {HardwareRef{hardware_id, std::nullopt, n}};
      if (fits(sc, catalog)) return n;
    }
    return std::nullopt;
  }
  return smallest_near_low(1, max_count, [&](std::int64_t n) {
    sc.hardware = {HardwareRef{hardware_id, std::nullopt, n}};
    return fits(sc, catalog);
  });
}

std::optional<std::int64_t> max_context(Scenario sc, const Catalog& catalog) {
  const std::int64_t limit = resolve_model(sc, catalog).max_position_embeddings;
  constexpr std::int64_t step = 256;
  auto ok = [&](std::int64_t k) {
    sc.context = std::min(limit, k * step);
    return fits(sc, catalog);
  };
  const std::int64_t top = std::max<std::int64_t>(1, (limit + step - 1) / step);
  // Fitting shrinks as the context grows: the largest k that fits is one below the smallest that does not.
  const auto first_too_long = smallest(1, top, [&](std::int64_t k) { return !ok(k); });
  if (!first_too_long) return limit;
  if (*first_too_long == 1) return std::nullopt;
  return (*first_too_long - 1) * step;
}

namespace {

// The formats `keep` accepts for `spec`, largest weights first. Weights alone decide the order
// (the cache and buffers do not depend on the format); equal sizes (F16 and BF16) tie-break by
// name, so every build answers the same.
template <class Keep>
std::vector<std::string> formats_by_size(const ModelSpec& spec, const Catalog& catalog, Keep keep) {
  std::vector<std::pair<std::int64_t, std::string>> sized;
  for (const auto& mix : catalog.quants.mixes()) {
    if (!keep(mix)) continue;
    try {
      sized.emplace_back(catalog.weights(spec, mix)->bytes, mix.id);
    } catch (const InputError&) {
    }
  }
  std::sort(sized.begin(), sized.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> out;
  for (auto& [bytes, id] : sized) out.push_back(std::move(id));
  return out;
}

// vLLM serves checkpoint formats, not GGUF mixes: F16/BF16 (F32 is left out, as for GGUF), and a
// release's own format (those that keep MTP layers) only for the models it was made for.
std::vector<std::string> vllm_formats_by_size(const ModelSpec& spec, const Catalog& catalog) {
  return formats_by_size(spec, catalog, [&](const QuantMix& mix) {
    return vllm_serves(mix, catalog.quants) && mix.id != "F32" && (!mix.includes_mtp || spec.is_compressed_attention());
  });
}

}  // namespace

std::vector<std::string> gguf_quants_by_size(const ModelSpec& spec, const Catalog& catalog) {
  return formats_by_size(spec, catalog, [&](const QuantMix& mix) {
    return is_gguf_mix(mix) && (mix.id != "MXFP4_MOE" || spec.is_moe());
  });
}

std::optional<std::string> best_quant(Scenario sc, const Catalog& catalog) {
  // Smaller weights never fit worse, so the first format that fits is found by bisection.
  const ModelSpec& spec = resolve_model(sc, catalog);
  const auto ids = sc.engine == Engine::vllm ? vllm_formats_by_size(spec, catalog) : gguf_quants_by_size(spec, catalog);
  const auto first = smallest(0, std::int64_t(ids.size()) - 1, [&](std::int64_t k) {
    sc.quant = ids[std::size_t(k)];
    return fits(sc, catalog);
  });
  if (!first) return std::nullopt;
  return ids[std::size_t(*first)];
}

const std::vector<std::int64_t>& standard_ram_kits_gb() {
  // Capacities sold as desktop, workstation and server memory kits (2 to 16 DIMMs of 8-128 GB).
  static const std::vector<std::int64_t> kits = {16, 32, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048};
  return kits;
}

std::optional<std::int64_t> smallest_ram_kit_gb(Scenario sc, const Catalog& catalog) {
  sc.hardware.clear();
  const Estimate e = estimate(sc, catalog);  // memory for one device
  // DIMM capacities are binary: a "64 GB" kit holds 64 GiB.
  for (const std::int64_t gb : standard_ram_kits_gb())
    if (e.total_bytes <= gb * (std::int64_t(1) << 30)) return gb;
  return std::nullopt;
}

std::optional<ExpertStreaming> expert_streaming(Scenario sc, const Catalog& catalog) {
  const ModelSpec& spec = resolve_model(sc, catalog);
  if (!spec.is_moe()) return std::nullopt;
  sc.hardware.clear();
  const Estimate e = estimate(sc, catalog);  // memory for one device
  const QuantMix* mix = catalog.quants.find_mix(sc.quant);
  if (mix == nullptr) return std::nullopt;  // estimate() above has already said why
  const auto weights = catalog.weights(spec, *mix);
  ExpertStreaming out;
  for (const std::int64_t b : weights->groups.layer_expert_bytes) out.expert_bytes += b;
  out.active_expert_bytes = std::int64_t(double(out.expert_bytes) * weights->groups.expert_read_fraction);
  out.resident_bytes = e.total_bytes - out.expert_bytes;
  out.resident_with_active_bytes = out.resident_bytes + out.active_expert_bytes;
  return out;
}

std::vector<CatalogFit> what_runs(const Scenario& machine, const Catalog& catalog) {
  std::vector<CatalogFit> out;
  for (const auto& model : catalog.models) {
    Scenario sc = machine;
    sc.model = ModelRef{model.id, std::nullopt};
    if (const auto quant = best_quant(sc, catalog)) {
      sc.quant = *quant;
      CatalogFit fit{model.id, *quant, estimate(sc, catalog)};
      if (const auto& v = fit.estimate.vllm) {
        const std::int64_t per_request =
            (sc.context + v->block_size - 1) / v->block_size * v->block_size * v->kv_bytes_per_token + v->kv_bytes_per_request;
        fit.vllm_needed_bytes = v->tensor_parallel_size * (v->weights_bytes + sc.sequences * per_request);
        fit.vllm_reserved_bytes = v->tensor_parallel_size * v->budget_bytes;
      }
      out.push_back(std::move(fit));
    }
  }
  std::sort(out.begin(), out.end(), [](const CatalogFit& a, const CatalogFit& b) {
    if (a.estimate.decode_tokens_per_s != b.estimate.decode_tokens_per_s)
      return a.estimate.decode_tokens_per_s > b.estimate.decode_tokens_per_s;
    return a.model_id < b.model_id;
  });
  return out;
}

}  // namespace headroom
