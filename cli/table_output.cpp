#include "table_output.h"

#include <cstdio>
#include <sstream>

namespace headroom {
namespace {

std::string row(const std::string& label, const std::string& value) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-22s %s\n", label.c_str(), value.c_str());
  return buf;
}

std::string billions(std::int64_t n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f B (%lld)", double(n) / 1e9, static_cast<long long>(n));
  return buf;
}

}  // namespace

std::string format_estimate_table(const Scenario& sc, const ModelSpec& model, const Estimate& e, ByteUnit unit) {
  std::ostringstream out;
  out << model.name << ", " << sc.quant << ", " << sc.context << " tokens x " << sc.sequences << " sequence(s), KV "
      << sc.kv_cache_type << (sc.kv_cache_type_v.empty() ? "" : " (V " + sc.kv_cache_type_v + ")") << ", "
      << to_string(sc.engine) << "\n\n";
  out << row("Parameters", billions(e.parameters.total));
  out << row("Weights", format_bytes(e.weights_bytes, unit));
  out << row("KV cache", format_bytes(e.kv_cache_bytes, unit));
  out << row("Compute buffers", format_bytes(e.compute_buffer_bytes, unit));
  out << row("Runtime overhead", format_bytes(e.overhead_bytes, unit));
  out << row("Total", format_bytes(e.total_bytes, unit));
  if (!e.devices.empty()) {
    out << "\n  Devices\n";
    for (const auto& d : e.devices) {
      char buf[256];
      std::snprintf(buf, sizeof buf, "  %-40s %10s of %-10s %3lld layers  %s\n", d.name.c_str(),
                    format_bytes(d.used_bytes, unit).c_str(), format_bytes(d.capacity_bytes, unit).c_str(),
                    static_cast<long long>(d.layers), d.fits ? "fits" : "DOES NOT FIT");
      out << buf;
    }
    out << "\n" << row("Verdict", e.fits ? "fits" : "does not fit");
    out << row("Decode (upper bound)", format_rate(e.decode_tokens_per_s, "tokens/s"));
    out << row("Prefill (upper bound)", format_rate(e.prefill_tokens_per_s, "tokens/s"));
    if (e.first_token.seconds > 0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s for a %lld-token prompt (prefill %s)", format_seconds(e.first_token.seconds).c_str(),
                    static_cast<long long>(e.first_token.prompt_tokens),
                    format_rate(e.first_token.prefill_tokens_per_s, "tokens/s").c_str());
      out << row("Time to first token", buf);
    }
    if (e.batch.concurrency > 1 && e.batch.aggregate_tokens_per_s > 0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s in all, %s each, %lld sequences%s",
                    format_rate(e.batch.aggregate_tokens_per_s, "tokens/s").c_str(),
                    format_rate(e.batch.per_sequence_tokens_per_s, "tokens/s").c_str(),
                    static_cast<long long>(e.batch.concurrency), e.batch.compute_bound ? " (compute-bound)" : "");
      out << row("Batch decode", buf);
    }
  }
  if (e.vllm) {
    const VllmLayout& v = *e.vllm;
    char buf[160];
    out << "\n" << row("vLLM KV per GPU", format_bytes(v.kv_cache_bytes_available, unit));
    std::snprintf(buf, sizeof buf, "%lld (%lld blocks of %lld)", static_cast<long long>(v.kv_cache_tokens),
                  static_cast<long long>(v.gpu_blocks), static_cast<long long>(v.block_size));
    out << row("vLLM KV tokens", buf);
    std::snprintf(buf, sizeof buf, "%.2fx at %lld tokens per request", v.max_concurrency, static_cast<long long>(sc.context));
    out << row("vLLM concurrency", buf);
    if (e.serving) {
      const ServingEstimate& s = *e.serving;
      std::snprintf(buf, sizeof buf, "%s output (%s in all)", format_rate(s.output_tokens_per_s, "tokens/s").c_str(),
                    format_rate(s.total_tokens_per_s, "tokens/s").c_str());
      out << row("vLLM serving", buf);
      std::snprintf(buf, sizeof buf, "%lld requests of %lld + %lld tokens (%s), vLLM %s", static_cast<long long>(s.workload.requests),
                    static_cast<long long>(s.workload.prompt_tokens), static_cast<long long>(s.workload.output_tokens),
                    to_string(s.workload.lengths), s.workload.vllm_version.c_str());
      out << row("  workload", buf);
      std::snprintf(buf, sizeof buf, "%lld at once (limit: %s), %.0f on average", static_cast<long long>(s.peak_concurrency),
                    s.limited_by.c_str(), s.mean_concurrency);
      out << row("  running", buf);
      std::snprintf(buf, sizeof buf, "%s: prefill %s + %lld steps %s (scheduler %s)", format_seconds(s.duration_s).c_str(),
                    format_seconds(s.prefill_s).c_str(), static_cast<long long>(s.decode_steps),
                    format_seconds(s.decode_s).c_str(), format_seconds(s.scheduler_s).c_str());
      out << row("  time", buf);
    }
    out << row("Run", e.commands.vllm);
  }
  if (e.mlx) {
    const MlxLayout& m = *e.mlx;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%lld tokens (steps of %lld)", static_cast<long long>(m.kv.cells),
                  static_cast<long long>(m.kv_step));
    out << "\n" << row("MLX KV cache holds", buf);
    std::snprintf(buf, sizeof buf, "%lld tokens over %lld keys: %s", static_cast<long long>(m.prefill_chunk),
                  static_cast<long long>(m.prefill_context), format_bytes(m.working_bytes, unit).c_str());
    out << row("MLX prefill step", buf);
    out << row("Run", e.commands.mlx);
  }
  if (e.transformers) {
    const TransformersLayout& t = *e.transformers;
    out << "\n" << row("Peak at", t.prefill_peak ? "the end of prefill" : "the end of generation");
    out << row("Run", e.commands.transformers.substr(e.commands.transformers.find('\n') + 1));
  }
  if (!e.warnings.empty()) {
    out << "\n";
    for (const auto& w : e.warnings) out << "  note: " << w << "\n";
  }
  return out.str();
}

}  // namespace headroom
