// Google Benchmark driver (native) for the cases in cases.h: one estimate per scenario and
// each reverse question of core/fit.h.
//   build/release/bench/headroom_bench [--benchmark_min_time=0.05]
#include <benchmark/benchmark.h>

#include "cases.h"

int main(int argc, char** argv) {
  static const auto all = headroom::bench::cases();
  for (const auto& c : all) {
    benchmark::RegisterBenchmark(c.name.c_str(), [&c](benchmark::State& state) {
      for (auto _ : state) c.run();
    })->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
