#include "serving.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <queue>

#include "errors.h"
#include "speed.h"

namespace headroom {
namespace {

// "0.5.4" -> (0, 5); false when the text does not start with two numbers.
bool major_minor(const std::string& text, int& major, int& minor) {
  char tail = 0;
  const int n = std::sscanf(text.c_str(), "%d.%d%c", &major, &minor, &tail);
  return (n == 2 || (n == 3 && tail == '.')) && major >= 0 && minor >= 0;
}

// Request k's place in the length distribution: a golden-ratio sequence, so every prefix of the
// requests mixes long and short ones as a shuffled data set does, and the result is the same on
// every run.
double place(std::int64_t k) {
  const double x = (double(k) + 0.5) * 0.6180339887498949;
  return x - std::floor(x);
}

// The quantile table as a piecewise-linear function of u in [0, 1], and its mean.
double quantile(const std::vector<double>& q, double u) {
  const double x = u * double(q.size() - 1);
  const std::size_t i = std::min(std::size_t(x), q.size() - 2);
  const double f = x - double(i);
  return q[i] * (1 - f) + q[i + 1] * f;
}
double quantile_mean(const std::vector<double>& q) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < q.size(); ++i) sum += (q[i] + q[i + 1]) / 2;
  return sum / double(q.size() - 1);
}

}  // namespace

const char* to_string(OutputLengths lengths) { return lengths == OutputLengths::fixed ? "fixed" : "sharegpt"; }

const SchedulerCost& scheduler_cost_for(const VllmServingDefaults& d, const std::string& version) {
  if (d.scheduler.empty()) throw InputError("serving.vllm_version", "engines.json has no scheduler costs for vLLM");
  if (version.empty() || version == "latest") return d.scheduler.back();
  int major = 0, minor = 0;
  if (!major_minor(version, major, minor))
    throw InputError("serving.vllm_version", "must be \"latest\" or a version such as \"0.5.4\" (got \"" + version + "\")");
  for (const SchedulerCost& c : d.scheduler) {
    int cmaj = 0, cmin = 0;
    if (c.max_version.empty() || !major_minor(c.max_version, cmaj, cmin)) return c;
    if (major < cmaj || (major == cmaj && minor <= cmin)) return c;
  }
  return d.scheduler.back();
}

std::int64_t serving_output_length(const ServingWorkload& w, const VllmServingDefaults& d, std::int64_t k,
                                   std::int64_t max_output) {
  double out = double(w.output_tokens);
  const auto& q = d.sharegpt_output_quantiles;
  if (w.lengths == OutputLengths::sharegpt && q.size() >= 2) out *= quantile(q, place(k)) / quantile_mean(q);
  return std::clamp<std::int64_t>(std::llround(out), 0, std::max<std::int64_t>(max_output, 1));
}

ServingEstimate estimate_serving(const ServingWorkload& w, const ServingStepCosts& costs, std::int64_t kv_cache_tokens,
                                 std::int64_t max_model_len, const VllmServingDefaults& d) {
  ServingEstimate e;
  e.workload = w;
  e.kv_cache_tokens = kv_cache_tokens;
  e.step = costs;
  const SchedulerCost& sched = scheduler_cost_for(d, w.vllm_version);
  e.step.per_step_s = sched.per_step_s;
  e.step.per_sequence_s = sched.per_sequence_s;
  e.scheduler_source = sched.source;
  const ServingStepCosts& s = e.step;
  if (s.bandwidth_bytes_per_s <= 0 || s.compute_flops <= 0 || w.requests <= 0) return e;

  // One step with C requests holding T cached tokens, and the sum of k steps as T grows by C each.
  const double per_cached_token = s.kv_bytes_per_token / s.bandwidth_bytes_per_s + s.attention_flops_per_key / s.compute_flops;
  auto step_s = [&](std::int64_t c, double t) {
    const double experts = s.expert_bytes * expert_union_fraction(s.expert_fraction, c, s.expert_exponent);
    return (s.dense_bytes + experts) / s.bandwidth_bytes_per_s + t * per_cached_token +
           double(c) * (s.matmul_flops_per_token / s.compute_flops + s.allreduce_s_per_token + s.per_sequence_s) +
           s.allreduce_s + s.per_step_s;
  };
  auto steps_s = [&](std::int64_t c, double t, std::int64_t k) {
    return double(k) * step_s(c, t) + per_cached_token * double(c) * double(k) * double(k - 1) / 2;
  };

  const std::int64_t prompt = w.prompt_tokens;
  const std::int64_t max_output = max_model_len - prompt;
  // Requests run at once: at most max_num_seqs, and as many as the cache holds at the prompt
  // plus half the mean output each (what a running request holds on average: vLLM admits while
  // the prompts fit and preempts a request when the cache runs out, so it settles there).
  const double reserve = double(prompt) + double(w.output_tokens) / 2;
  const std::int64_t slots =
      std::max<std::int64_t>(std::min<std::int64_t>(w.max_num_seqs, std::int64_t(double(kv_cache_tokens) / reserve)), 1);
  const double prefill_per_token =
      (s.matmul_flops_per_token + s.attention_flops_per_key * double(prompt) / 2) / s.compute_flops + s.allreduce_s_per_token;

  struct Running {
    std::int64_t finish = 0;  // the decode step after which it is done
    std::int64_t start = 0;
    bool operator>(const Running& o) const { return finish > o.finish; }
  };
  std::priority_queue<Running, std::vector<Running>, std::greater<Running>> running;
  std::int64_t next = 0, now = 0;
  double cached = 0, concurrency_steps = 0;
  auto admit = [&] {
    while (next < w.requests && std::int64_t(running.size()) < slots) {
      const std::int64_t out = serving_output_length(w, d, next++, max_output);
      e.total_prompt_tokens += prompt;
      e.total_output_tokens += out;
      e.longest_output = std::max(e.longest_output, out);
      e.prefill_s += double(prompt) * prefill_per_token;
      // The prompt's pass yields the first token; each further token takes a decode step.
      if (out <= 1) continue;
      running.push({now + out - 1, now});
      cached += double(prompt);
    }
  };
  admit();
  e.peak_concurrency = std::int64_t(running.size());
  e.limited_by = next >= w.requests && e.peak_concurrency < slots ? "requests"
                 : slots < w.max_num_seqs                             ? "kv_cache"
                                                                      : "max_num_seqs";
  while (!running.empty()) {
    const auto c = std::int64_t(running.size());
    const std::int64_t k = running.top().finish - now;
    if (k > 0) {
      e.decode_s += steps_s(c, cached, k);
      e.decode_steps += k;
      concurrency_steps += double(c) * double(k);
      cached += double(c) * double(k);
      now += k;
    }
    while (!running.empty() && running.top().finish == now) {
      cached -= double(prompt + now - running.top().start);
      running.pop();
    }
    admit();
  }
  e.mean_concurrency = e.decode_steps > 0 ? concurrency_steps / double(e.decode_steps) : 0;
  e.scheduler_s = double(e.decode_steps) * s.per_step_s + concurrency_steps * s.per_sequence_s;
  e.step_at_peak_s = step_s(std::max<std::int64_t>(e.peak_concurrency, 1), double(e.peak_concurrency) * reserve);
  e.duration_s = e.prefill_s + e.decode_s;
  if (e.duration_s > 0) {
    e.output_tokens_per_s = double(e.total_output_tokens) / e.duration_s;
    e.total_tokens_per_s = double(e.total_prompt_tokens + e.total_output_tokens) / e.duration_s;
  }
  return e;
}

}  // namespace headroom
