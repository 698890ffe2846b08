// A dependency-free timing driver for the cases in cases.h, built natively and to wasm (Node),
// so wasm vs native compares the same code under the same harness. One JSON object per line:
//   {"name": "...", "ns_per_call": 1234.5, "ns_median": 1300.0, "calls": N, "result": "..."}
// ns_per_call is the fastest of the timed batches, ns_median their median.
//   headroom_bench_plain [--quick] [--only PREFIX]
// --only runs the cases whose names start with PREFIX (for profiling one case).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

#include "cases.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
  double best_ns;    // the fastest batch: noise (other processes, a slow moment) only adds time
  double median_ns;
  long calls;
};

// `rounds` batches; each batch runs long enough (>= batch_s) to drown timer noise.
Timing time_case(const headroom::bench::Case& c, double batch_s, int rounds) {
  // Warm up first (>= 0.3 s): V8 tiers wasm up to optimized code in the background, and the
  // first calls fill caches; quick runs would otherwise time the baseline tier.
  const auto warm0 = Clock::now();
  for (int i = 0; i < 2 || std::chrono::duration<double>(Clock::now() - warm0).count() < std::max(batch_s, 0.3); ++i)
    c.run();
  long batch = 1;
  for (;;) {  // grow the batch until it takes batch_s
    const auto t0 = Clock::now();
    for (long i = 0; i < batch; ++i) c.run();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (s >= batch_s || batch >= (1L << 24)) break;
    const double grow = s > 0 ? std::clamp(batch_s / s * 1.2, 2.0, 100.0) : 100.0;
    batch = static_cast<long>(static_cast<double>(batch) * grow);
  }
  std::vector<double> per_call;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    for (long i = 0; i < batch; ++i) c.run();
    per_call.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / static_cast<double>(batch));
  }
  std::sort(per_call.begin(), per_call.end());
  return {per_call.front(), per_call[per_call.size() / 2], batch * rounds};
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  const char* only = "";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      only = argv[++i];
    } else {
      std::fprintf(stderr, "usage: headroom_bench_plain [--quick] [--only PREFIX]\n");
      return 2;
    }
  }
  try {
    for (const auto& c : headroom::bench::cases()) {
      if (!c.name.starts_with(only)) continue;
      const Timing t = time_case(c, quick ? 0.02 : 0.1, quick ? 5 : 7);
      std::printf("{\"name\": \"%s\", \"ns_per_call\": %.1f, \"ns_median\": %.1f, \"calls\": %ld, \"result\": \"%s\"}\n",
                  c.name.c_str(), t.best_ns, t.median_ns, t.calls, c.result().c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "headroom_bench_plain: %s\n", e.what());
    return 1;
  }
  return 0;
}
