#include "compute_buffer.h"

#include <algorithm>

#include "units.h"

namespace headroom {

std::int64_t ComputeBuffer::bytes_for(bool holds_output, bool runs_indexer) const {
  const std::int64_t layer = runs_indexer ? checked_add(layer_bytes, indexer_bytes, "context") : layer_bytes;
  return holds_output ? std::max(layer, logits_bytes) : layer;
}

ComputeBuffer compute_buffer(const ModelSpec& s, const KvCache& kv, std::int64_t n_ubatch, bool flash_attention,
                             const IndexerRule* indexer) {
  constexpr std::int64_t f32 = 4, f16 = 2;
  ComputeBuffer cb;
  const bool compressed = kv.csa_cells > 0 || kv.hca_cells > 0;
  cb.ubatch = std::min(n_ubatch, kv.cells);
  // The masks: full + sliding window, or DeepSeek-V4's window, ratio-4 (and indexer) and ratio-128 ones.
  const std::int64_t mask_cells = compressed ? kv.window_cells + 2 * kv.csa_cells + kv.hca_cells
                                             : checked_add(kv.cells, kv.window_cells, "context");
  if (flash_attention) {
    // f32 mask copies and their f16 casts, beside the FFN activations (gate, up, and the hidden
    // state in and out).
    cb.mask_cells = mask_cells;
    cb.mask_bytes = checked_mul(checked_mul(f32 + f16, cb.ubatch, "context"), cb.mask_cells, "context");
    cb.layer_per_token = 2 * s.intermediate_size + 2 * s.hidden_size;
  } else if (compressed) {
    // Every head's scores over a compressed layer's window + compressed cells, beside the f32 masks.
    const std::int64_t attended = kv.window_cells + std::max(kv.csa_cells, kv.hca_cells);
    cb.layer_per_token = checked_add(checked_mul(attended, s.num_attention_heads, "context"),
                                     mask_cells + 4 * s.hidden_size, "context");
  } else {
    // The attention scores of every head (plus the softmax's copy) over every cell.
    cb.layer_per_token =
        checked_add(checked_mul(kv.cells, s.num_attention_heads + 1, "context"), 4 * s.hidden_size, "context");
  }
  cb.layer_bytes = checked_add(cb.mask_bytes, checked_mul(f32 * cb.ubatch, cb.layer_per_token, "context"), "context");
  cb.logits_bytes = f32 * cb.ubatch * (s.vocab_size + s.hidden_size);

  cb.indexer_layers.assign(s.layers.size(), false);
  bool any_indexer = false;
  for (std::size_t il = 0; il < s.layers.size(); ++il)
    if (s.layers[il].attention == LayerAttention::compressed && s.layers[il].compress_ratio == 4)
      cb.indexer_layers[il] = any_indexer = true;
  if (any_indexer && indexer != nullptr && kv.csa_cells > 0) {
    cb.indexer_rule = indexer->id;
    cb.indexer_heads = s.index_n_heads;
    cb.indexer_cells = kv.csa_cells;
    cb.indexer_cell_bytes = checked_add(checked_mul(indexer->head_bytes, s.index_n_heads, "index_n_heads"),
                                        indexer->cell_bytes, "index_n_heads");
    cb.indexer_copies = indexer->copies;
    cb.indexer_bytes = checked_mul(
        checked_mul(checked_mul(cb.ubatch, cb.indexer_cells, "context"), cb.indexer_cell_bytes, "context"),
        cb.indexer_copies, "context");
  }
  cb.output_bytes = cb.bytes_for(true, cb.indexer_bytes > 0);
  return cb;
}

}  // namespace headroom
