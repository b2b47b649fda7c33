// pactum_fill_log DATA_DIR INCIDENTS [NOTES_PER_INCIDENT]
// Fills a data directory with the example plan and realistic incidents through the engine and
// the SQLite log: each reported, synced, assessed, given notes, then ended (cancelled) — 9 events
// with 5 notes. Ended, so that a server started on the log is not kept busy recording the
// deadlines of 100k open incidents as breached while it is measured. For bench/run.sh (audit
// verify, state rebuild) and bench/restart.sh. Not a test: it measures nothing itself.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>

#include "engine/clocks.hpp"
#include "engine/engine.hpp"
#include "store/sqlite/sqlite_event_log.hpp"
#include "testing/example_plan.hpp"

using namespace pactum;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: pactum_fill_log DATA_DIR INCIDENTS [NOTES_PER_INCIDENT]\n";
    return 2;
  }
  std::string dir = argv[1];
  int incidents = std::stoi(argv[2]);
  int notes = argc > 3 ? std::stoi(argv[3]) : 5;
  std::filesystem::create_directories(dir);
  auto log = store::SqliteEventLog::open(dir + "/pactum.db");
  if (!log) {
    std::cerr << log.error().message << "\n";
    return 1;
  }
  engine::SystemClock clock;
  engine::Engine engine(**log, clock);
  if (Status e = engine.load(); !e.ok()) return 1;
  if (!engine.plan()) {
    auto r = engine.activate_plan(pactum::testing::example_plan_yaml(), Actor{"bench", "", {}});
    if (!r) return 1;
  }
  const Plan& plan = engine.plan()->plan;
  auto actor = [&](const std::string& contact) {
    return Actor{contact, plan.find_contact(contact)->party, plan.roles_of(contact)};
  };
  auto started = std::chrono::steady_clock::now();
  // Many incidents in flight at once, so that group commit batches them as a busy server would.
  constexpr int kInFlight = 64;
  std::atomic<int> next{0}, failures{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kInFlight; ++w) {
    workers.emplace_back([&] {
      for (int i = next++; i < incidents; i = next++) {
        cmd::Report report{"",
                           "T1",
                           "T1.outage",
                           "订单系统无法访问，用户下单失败，页面显示 502 错误",
                           "全部线上订单与支付回调",
                           "数据库主节点宕机，疑似磁盘故障",
                           clock.now() - std::chrono::minutes(10),
                           "A",
                           ""};
        auto r = engine.execute_and_wait("", report, actor("a-li"));
        if (!r) {
          ++failures;
          continue;
        }
        std::string id = r->incident_id;
        if (!engine.execute_and_wait(id, cmd::Sync{"已在企业微信群同步"}, actor("a-liu")).ok())
          ++failures;
        if (!engine
                 .execute_and_wait(id, cmd::Assess{"moderate", "normal", "", ""}, actor("a-zhang"))
                 .ok())
          ++failures;
        for (int n = 0; n < notes; ++n) {
          if (!engine
                   .execute_and_wait(id, cmd::AddNote{"处置进展：已联系供应商，预计两小时内恢复。"},
                                     actor("b-sun"))
                   .ok()) {
            ++failures;
          }
        }
        if (!engine.execute_and_wait(id, cmd::Cancel{"误报：监控阈值配置错误"}, actor("a-zhang"))
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << engine.applied_seq() << " events in " << seconds << " s ("
            << static_cast<long>(engine.applied_seq() / seconds) << " events/s), " << failures
            << " failures\n";
  return failures == 0 ? 0 : 1;
}
