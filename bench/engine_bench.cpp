// Micro-benchmarks of the engine's hot paths (Google Benchmark). Figures: bench/README.md.
#include <benchmark/benchmark.h>

#include "domain/digest.hpp"
#include "domain/obligations.hpp"
#include "engine/audit.hpp"
#include "engine/engine.hpp"
#include "store/memory/memory_event_log.hpp"
#include "store/record.hpp"
#include "testing/example_plan.hpp"

using namespace pactum;

namespace {

// A log of `incidents` incidents with a report, sync, assessment and five notes each.
store::MemoryEventLog& filled_log(int incidents) {
  static std::map<int, std::unique_ptr<store::MemoryEventLog>> logs;
  auto& log = logs[incidents];
  if (log) return *log;
  log = std::make_unique<store::MemoryEventLog>();
  ManualClock clock(*parse_instant("2026-03-02T01:00:00Z"));
  engine::Engine engine(*log, clock);
  (void)engine.load();
  (void)engine.activate_plan(pactum::testing::example_plan_yaml(), Actor{"bench", "", {}});
  const Plan& plan = engine.plan()->plan;
  auto actor = [&](const std::string& c) {
    return Actor{c, plan.find_contact(c)->party, plan.roles_of(c)};
  };
  for (int i = 0; i < incidents; ++i) {
    cmd::Report r{"",
                  "T1",
                  "T1.outage",
                  "订单系统无法访问，用户下单失败",
                  "全部线上订单",
                  "数据库主节点宕机",
                  clock.now(),
                  "A",
                  ""};
    auto id = engine.execute_and_wait("", r, actor("a-li"))->incident_id;
    (void)engine.execute_and_wait(id, cmd::Sync{"已同步"}, actor("a-liu"));
    (void)engine.execute_and_wait(id, cmd::Assess{"moderate", "normal", "", ""}, actor("a-zhang"));
    for (int n = 0; n < 5; ++n) {
      (void)engine.execute_and_wait(id, cmd::AddNote{"处置进展：已联系供应商。"}, actor("b-sun"));
    }
  }
  return *log;
}

// State rebuild: a new engine reads the whole log into its read model (what a restart does).
void BM_RebuildFromLog(benchmark::State& state) {
  auto& log = filled_log(static_cast<int>(state.range(0)));
  ManualClock clock(*parse_instant("2026-03-02T01:00:00Z"));
  std::int64_t events = 0;
  for (auto _ : state) {
    engine::Engine engine(log, clock);
    if (!engine.load().ok()) state.SkipWithError("load failed");
    events = engine.applied_seq();
  }
  state.SetItemsProcessed(state.iterations() * events);
}
BENCHMARK(BM_RebuildFromLog)->Arg(2000)->Unit(benchmark::kMillisecond);

// Verifying the chain: canonical record + SHA-256 per event.
void BM_VerifyChain(benchmark::State& state) {
  auto& log = filled_log(2000);
  std::int64_t bytes = 0;
  for (auto _ : state) {
    auto report = engine::verify_log(log);
    if (!report.intact()) state.SkipWithError("broken chain");
    bytes = report.bytes;
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_VerifyChain)->Unit(benchmark::kMillisecond);

// SHA-256 alone over 1 KB, the ceiling the chain verification is compared with.
void BM_Sha256_1KB(benchmark::State& state) {
  std::string block(1024, 'x');
  for (auto _ : state) benchmark::DoNotOptimize(sha256_hex(block));
  state.SetBytesProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_Sha256_1KB);

// Obligations of one incident (what every list and the scheduler compute).
void BM_Obligations(benchmark::State& state) {
  auto& log = filled_log(2000);
  ManualClock clock(*parse_instant("2026-03-02T03:00:00Z"));
  engine::Engine engine(log, clock);
  (void)engine.load();
  auto record = *engine.incident("INC-2026-0001");
  auto plan = engine.plan();
  for (auto _ : state) benchmark::DoNotOptimize(obligations(plan->plan, record.state, clock.now()));
}
BENCHMARK(BM_Obligations);

}  // namespace

BENCHMARK_MAIN();
