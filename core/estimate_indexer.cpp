// DeepSeek-V4's lightning indexer in llama.cpp's estimate: which build rule applies, and the
// warning that says what another build would reserve.
#include "estimate_parts.h"
#include "errors.h"
#include "units.h"

namespace headroom::detail {

const IndexerRule* resolve_indexer_rule(const Scenario& sc, const EngineDefaults& engine) {
  const IndexerRule* rule = engine.find_indexer_rule(sc.lightning_indexer);
  if (rule == nullptr && !sc.lightning_indexer.empty()) {
    std::string ids;
    for (const IndexerRule& r : engine.indexer_rules) ids += (ids.empty() ? "" : " or ") + r.id;
    throw InputError("lightning_indexer", "unknown rule \"" + sc.lightning_indexer + "\" for " + engine.id +
                                              (ids.empty() ? " (it has none)" : ": " + ids));
  }
  return rule;
}

std::string indexer_warning(const ComputeBuffer& cb, const EngineDefaults& engine, bool flash_attention) {
  const IndexerRule* applied = engine.find_indexer_rule(cb.indexer_rule);
  std::string text = "Compute buffer: DeepSeek-V4's lightning indexer adds " + format_bytes(cb.indexer_bytes, ByteUnit::gb) +
                     " per device that runs a ratio-4 layer in " + (applied ? applied->builds : cb.indexer_rule) +
                     " (lightning_indexer \"" + cb.indexer_rule + "\")";
  for (const IndexerRule& r : engine.indexer_rules) {
    if (r.id == cb.indexer_rule) continue;
    const std::int64_t per_cell = checked_add(checked_mul(r.head_bytes, cb.indexer_heads, "index_n_heads"), r.cell_bytes,
                                              "index_n_heads");
    const std::int64_t bytes =
        checked_mul(checked_mul(checked_mul(cb.ubatch, cb.indexer_cells, "context"), per_cell, "context"), r.copies,
                    "context");
    text += "; in " + r.builds + " (\"" + r.id + "\"), it would be " + format_bytes(bytes, ByteUnit::gb);
  }
  text += ".";
  if (!flash_attention)
    text += " With flash attention off, every head's attention scores over a compressed layer's cells are counted too: "
            "read off llama.cpp's graph, not checked against a log.";
  return text;
}

}  // namespace headroom::detail
