#include "quant.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "errors.h"
#include "units.h"

namespace headroom {

QuantTable::QuantTable(std::vector<StorageType> types, std::vector<QuantMix> mixes)
    : types_(std::move(types)), mixes_(std::move(mixes)) {}

const StorageType* QuantTable::find_type(const std::string& id) const {
  for (const auto& t : types_)
    if (t.id == id) return &t;
  const std::lock_guard lock(variants_->mutex);
  const auto v = variants_->types.find(id);
  return v != variants_->types.end() ? v->second.get() : nullptr;
}

const QuantMix* QuantTable::find_mix(const std::string& id) const {
  for (const auto& m : mixes_)
    if (m.id == id) return &m;
  return find_variant(id);
}

// "EXL2_4.65" -> a copy of mix EXL2 whose default type stores 4.65 bits per element.
const QuantMix* QuantTable::find_variant(const std::string& id) const {
  const std::size_t cut = id.rfind('_');
  if (cut == std::string::npos || cut + 1 >= id.size() || id.size() - cut > 8) return nullptr;
  const std::string family = id.substr(0, cut), digits = id.substr(cut + 1);
  const QuantMix* base = nullptr;
  for (const auto& m : mixes_)
    if (m.id == family && m.bits_range) base = &m;
  if (!base) return nullptr;
  // Digits, one optional point, at most two decimals: a bounded set of variants per format.
  const std::size_t point = digits.find('.');
  if (digits.find_first_not_of("0123456789.") != std::string::npos || digits.front() == '.' || digits.back() == '.' ||
      (point != std::string::npos && (digits.find('.', point + 1) != std::string::npos || digits.size() - point - 1 > 2)))
    return nullptr;
  const double bits = std::strtod(digits.c_str(), nullptr);
  if (!(bits >= base->bits_range->first && bits <= base->bits_range->second)) return nullptr;
  const StorageType* base_type = find_type(base->default_type);
  if (!base_type) return nullptr;

  const std::lock_guard lock(variants_->mutex);
  if (const auto v = variants_->mixes.find(id); v != variants_->mixes.end()) return v->second.get();
  auto type = std::make_unique<StorageType>(*base_type);
  type->id = id;
  type->element_bits = bits;
  auto mix = std::make_unique<QuantMix>(*base);
  mix->id = id;
  mix->name = base->name.substr(0, base->name.find(',')) + ", " + digits + " bits per weight";
  mix->default_type = id;
  mix->bits_range.reset();
  variants_->types.emplace(id, std::move(type));
  return variants_->mixes.emplace(id, std::move(mix)).first->second.get();
}

bool use_more_bits(std::int64_t layer, std::int64_t n_layers) {
  return layer < n_layers / 8 || layer >= 7 * n_layers / 8 || (layer - n_layers / 8) % 3 == 2;
}

namespace {

constexpr const char* kLayerWords[] = {"all", "more_bits", "first_eighth", "first_sixteenth", "middle", "first_2", "first_4"};
constexpr const char* kWhenWords[] = {"experts==8", "experts>=4", "gqa>=4", "gqa>=4|experts>=4", "llama_70b"};

// llama.cpp's quantizer category of a tensor (src/llama-quant.cpp tensor_get_category).
std::string_view category_of(TensorClass cls) {
  switch (cls) {
    case TensorClass::attn_kv_b: return "attn_v";
    case TensorClass::ffn_gate_exps: case TensorClass::ffn_gate_shexp: return "ffn_gate";
    case TensorClass::ffn_up_exps: case TensorClass::ffn_up_shexp: return "ffn_up";
    case TensorClass::ffn_down_exps: case TensorClass::ffn_down_shexp: return "ffn_down";
    default: return to_string(cls);
  }
}

// A rule's `layers` word, read once per call rather than compared per tensor.
enum class Layers { all, more_bits, first_eighth, first_sixteenth, middle, first_2, first_4, none };

Layers layers_of(const std::string& word) {
  if (word == "all") return Layers::all;
  if (word == "more_bits") return Layers::more_bits;
  if (word == "first_eighth") return Layers::first_eighth;
  if (word == "first_sixteenth") return Layers::first_sixteenth;
  if (word == "middle") return Layers::middle;
  if (word == "first_2") return Layers::first_2;
  if (word == "first_4") return Layers::first_4;
  return Layers::none;
}

bool layers_match(Layers word, std::int64_t i, std::int64_t n) {
  if (word == Layers::all) return true;
  if (i < 0) return false;
  switch (word) {
    case Layers::more_bits: return use_more_bits(i, n);
    case Layers::first_eighth: return i < n / 8;
    case Layers::first_sixteenth: return i < n / 16;
    case Layers::middle: return i >= n / 8 && i < 7 * n / 8;
    case Layers::first_2: return i < 2;
    case Layers::first_4: return i < 4;
    default: return false;
  }
}

// A tensor's names as the rules see them, by class. The last slot is the token table of a
// model with tied embeddings, which is also the output head and is named as one.
constexpr std::size_t kTiedEmbeddingSlot = kTensorClassCount;
constexpr std::size_t kSlots = kTensorClassCount + 1;
struct SlotNames {
  std::array<std::string_view, kSlots> cls, category;
  SlotNames() {
    for (std::size_t c = 0; c < kTensorClassCount; ++c) {
      cls[c] = to_string(TensorClass(c));
      category[c] = category_of(TensorClass(c));
    }
    cls[kTiedEmbeddingSlot] = category[kTiedEmbeddingSlot] = to_string(TensorClass::output_head);
  }
};

bool condition_holds(const std::string& word, const ModelSpec& s) {
  const std::int64_t gqa = s.num_attention_heads / std::max<std::int64_t>(1, s.num_key_value_heads);
  if (word == "experts==8") return s.num_experts == 8;
  if (word == "experts>=4") return s.num_experts >= 4;
  if (word == "gqa>=4") return gqa >= 4;
  if (word == "gqa>=4|experts>=4") return gqa >= 4 || s.num_experts >= 4;
  // llama.cpp's LLM_TYPE_70B: a llama with 80 blocks and grouped KV heads.
  if (word == "llama_70b") return s.architecture == "llama" && s.num_hidden_layers == 80 && gqa > 1;
  return false;
}

}  // namespace

std::string check_rule_words(const QuantRule& rule) {
  if (std::find(std::begin(kLayerWords), std::end(kLayerWords), rule.layers) == std::end(kLayerWords))
    return "layers: unknown word \"" + rule.layers + "\"";
  for (const auto& w : rule.when)
    if (std::find(std::begin(kWhenWords), std::end(kWhenWords), w) == std::end(kWhenWords))
      return "when: unknown condition \"" + w + "\"";
  return "";
}

std::vector<const StorageType*> QuantTable::assign_types(const QuantMix& mix, const std::vector<TensorInfo>& inventory,
                                                         const ModelSpec& spec) const {
  auto type_named = [&](const std::string& id) {
    const StorageType* type = find_type(id);
    if (!type) throw InputError("quant", "mix '" + mix.id + "' names unknown type '" + id + "'");
    return type;
  };
  // The rules' words, types and the tensor classes they name are resolved once per call, not
  // once per tensor: a 1.6T MoE has thousands of tensors, and what-runs asks for every model in
  // every format (comparing names per tensor was half of its first run).
  static const SlotNames names;
  struct Rule {
    const QuantRule* rule;
    const StorageType* type;
    Layers layers;
  };
  std::vector<Rule> rules;
  rules.reserve(mix.rules.size());  // never reallocated: by_slot points into it
  // Per class slot, the rules whose `tensor` names that class and whose `when` conditions hold
  // for this model, in mix order: each tensor then tries only its class's one or two rules.
  std::array<std::vector<const Rule*>, kSlots> by_slot;
  for (const auto& rule : mix.rules) {
    const bool applies = std::all_of(rule.when.begin(), rule.when.end(),
                                     [&](const std::string& w) { return condition_holds(w, spec); });
    if (!applies) continue;
    const Rule& r = rules.emplace_back(Rule{&rule, type_named(rule.type), layers_of(rule.layers)});
    // Cheap tests before each compare: wasm's memcmp is a byte loop, and comparing every rule
    // with every slot this way was 15% of what-runs' first use there.
    const std::string_view tensor = rule.tensor;
    const auto same = [&](std::string_view name) {
      return name.size() == tensor.size() && (tensor.empty() || name[0] == tensor[0]) && name == tensor;
    };
    for (std::size_t c = 0; c < kSlots; ++c) {
      const std::string_view cls = names.cls[c];
      if (same(names.category[c]) || same(cls) ||
          (cls.size() > tensor.size() && cls[tensor.size()] == '_' && same(cls.substr(0, tensor.size()))))
        by_slot[c].push_back(&r);
    }
  }
  const StorageType* default_type = type_named(mix.default_type);
  const StorageType* vector_type = type_named(mix.vector_type);

  std::array<bool, kSlots> attn_v_slot{};
  for (std::size_t c = 0; c < kSlots; ++c) attn_v_slot[c] = names.category[c] == "attn_v";
  std::int64_t n_attn_v = 0;
  for (const auto& t : inventory) n_attn_v += !t.is_bias() && attn_v_slot[std::size_t(t.cls)];
  std::int64_t i_attn_v = 0;
  std::vector<const StorageType*> out;
  out.reserve(inventory.size());
  for (const auto& t : inventory) {
    // Norms, biases, routers, hash tables and short convolutions: F32 in every GGUF (llama.cpp
    // quantizes only "*weight" matrices, never ffn_gate_inp, tid2eid or ssm_conv1d); checkpoints
    // store them as trained.
    const bool small = t.is_vector() || t.is_bias() || t.cls == TensorClass::ffn_gate_inp ||
                       t.cls == TensorClass::exp_probs_b || t.cls == TensorClass::expert_hash ||
                       t.cls == TensorClass::ssm_conv1d;
    // With tied embeddings the token table is also the output head and gets the output's type.
    const bool acts_as_output = spec.tie_word_embeddings && t.cls == TensorClass::token_embedding;
    const std::size_t slot = acts_as_output ? kTiedEmbeddingSlot : std::size_t(t.cls);
    const bool is_attn_v = !small && attn_v_slot[slot];
    const std::int64_t i = is_attn_v ? i_attn_v : t.layer;
    const std::int64_t n = is_attn_v ? n_attn_v : spec.num_hidden_layers;
    const StorageType* type = small ? vector_type : default_type;
    for (const Rule* r : by_slot[slot]) {
      if ((small && !r->rule->vectors) || !layers_match(r->layers, i, n)) continue;
      type = r->type;
      break;
    }
    i_attn_v += is_attn_v;
    // A row that is not a whole number of blocks gets the type's fallback (Q4_K -> Q5_0, then
    // F16), as llama.cpp's quantizer does; the loader checks that fallbacks end.
    for (int hops = 0; type->is_block_type() && !type->whole_blocks(t.row) && !type->fallback.empty() && hops < 4;
         ++hops)
      type = find_type(type->fallback);
    out.push_back(type);
  }
  return out;
}

std::int64_t tensor_bytes(const StorageType& type, std::int64_t row, std::int64_t rows) {
  if (type.is_block_type()) {
    if (!type.whole_blocks(row))
      throw InputError("quant", "a row of " + std::to_string(row) + " elements is not a whole number of " + type.id +
                                    " blocks (" + std::to_string(type.block_elements) + ")");
    const std::int64_t row_bytes = checked_mul(type.blocks_in(row), type.block_bytes, "weights");
    return checked_mul(row_bytes, rows, "weights");
  }
  // Checkpoint formats: whole bytes of elements, plus one scale per tile (edge tiles count whole).
  const std::int64_t elements = checked_mul(row, rows, "weights");
  const double element_bytes = std::ceil(double(elements) * type.element_bits / 8.0);
  const std::int64_t tiles = checked_mul((rows + type.scale_tile_rows - 1) / type.scale_tile_rows,
                                         (row + type.scale_tile_cols - 1) / type.scale_tile_cols, "weights");
  const double scale_bytes = std::ceil(double(tiles) * type.scale_bits / 8.0);
  if (element_bytes + scale_bytes > 9.0e18) throw InputError("weights", "size overflows 64-bit bytes");
  return std::int64_t(element_bytes) + std::int64_t(scale_bytes);
}

}  // namespace headroom
