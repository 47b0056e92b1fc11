// Core micro-benchmarks (Google Benchmark). Figures go to docs/performance.md.
#include "core/creditcode.h"

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

static void BM_CreditCodeValidate(benchmark::State& state)
{
    const QString code = u"91350100M000100Y43"_s;
    for (auto _ : state)
        benchmark::DoNotOptimize(safeloop::core::CreditCode::validate(code).ok());
}
BENCHMARK(BM_CreditCodeValidate);

BENCHMARK_MAIN();
