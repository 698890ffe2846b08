#include "engine.h"

#include "errors.h"

namespace headroom {

const char* to_string(Engine engine) {
  switch (engine) {
    case Engine::llama_cpp: return "llama.cpp";
    case Engine::vllm: return "vllm";
    case Engine::ollama: return "ollama";
    case Engine::mlx: return "mlx";
    case Engine::transformers: return "transformers";
  }
  return "?";
}

Engine engine_from_string(const std::string& text, const std::string& path) {
  for (Engine e : {Engine::llama_cpp, Engine::vllm, Engine::ollama, Engine::mlx, Engine::transformers})
    if (text == to_string(e)) return e;
  throw InputError(path, "must be one of llama.cpp, vllm, ollama, mlx, transformers (got \"" + text + "\")");
}

std::int64_t EngineDefaults::context_default_for(std::int64_t vram_bytes) const {
  for (const DefaultContext& d : default_context)
    if (d.max_vram_bytes == 0 || vram_bytes < d.max_vram_bytes) return d.context;
  return 0;
}

const IndexerRule* EngineDefaults::find_indexer_rule(const std::string& rule_id) const {
  const std::string& want = rule_id.empty() ? default_indexer_rule : rule_id;
  for (const IndexerRule& r : indexer_rules)
    if (r.id == want) return &r;
  return nullptr;
}

std::int64_t EngineDefaults::unified_memory_limit(std::int64_t memory_bytes) const {
  for (const auto& u : unified_memory)
    if (u.max_memory_bytes == 0 || memory_bytes <= u.max_memory_bytes)
      return std::int64_t(double(memory_bytes) * u.share);
  return memory_bytes;
}

std::int64_t VllmDefaults::reserve_for(std::int64_t memory_bytes) const {
  for (const auto& r : visible_memory_reserve)
    if (r.max_memory_bytes == 0 || memory_bytes <= r.max_memory_bytes) return r.reserve_bytes;
  return 0;
}

}  // namespace headroom
