// Where an alert's cost goes (T5), measured in-process so the figures hold still on a noisy
// machine: the API's handling of POST /api/v2/alerts without sockets or disk, and the SQLite log's
// durable append of alert records with group commit. bench/alerts.sh measures the whole against
// Alertmanager; these say which part to work on. Figures: bench/README.md.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <future>

#include "engine/alert_intake.hpp"
#include "engine/auth.hpp"
#include "http/api.hpp"
#include "store/memory/memory_accounts.hpp"
#include "store/memory/memory_event_log.hpp"
#include "store/sqlite/sqlite_event_log.hpp"
#include "testing/example_plan.hpp"

using namespace pactum;

namespace {

// The ~1 KB alert bench/alerts.lua sends, with a unique instance label.
std::string alert_json(std::int64_t n) {
  return fmt::format(
      R"({{"labels":{{"alertname":"BenchAlert","instance":"node-{}","job":"bench","severity":"warning"}},)"
      R"("annotations":{{"summary":"bench alert {}","description":"{}"}},"startsAt":"2026-03-02T00:30:00Z",)"
      R"("generatorURL":"http://prometheus.example:9090/graph?g0.expr=up"}})",
      n, n, std::string(800, 'x'));
}

// POST /api/v2/alerts through routing, token check, parsing, the intake and the reply; the log
// is in memory, so this is the CPU an alert costs above the disk and the sockets.
void BM_AlertRequest(benchmark::State& state) {
  store::MemoryEventLog log;
  store::MemoryAccounts accounts;
  ManualClock clock(*parse_instant("2026-03-02T01:00:00Z"));
  engine::Engine engine(log, clock);
  (void)engine.load();
  (void)engine.activate_plan(pactum::testing::example_plan_yaml(), Actor{"bench", "", {}});
  engine::Auth auth(accounts, clock);
  (void)auth.add_user({"bench", "bench", "A", "a-li", true, "bench-password-1"},
                      &engine.plan()->plan);
  std::string token = auth.create_token("bench", "wrk", {"alerts"}, std::nullopt)->secret;
  engine::AlertIntake intake(engine, log);
  (void)intake.load();
  obs::Metrics metrics;
  http::ApiOptions options;
  options.alerts = &intake;
  http::Api api(engine, auth, log, metrics, nullptr, options);

  const auto per_request = state.range(0);
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    http::Request req;
    req.method = "POST";
    req.path = "/api/v2/alerts";
    req.headers["authorization"] = "Bearer " + token;
    req.headers["content-type"] = "application/json";
    req.body = "[";
    for (std::int64_t i = 0; i < per_request; ++i) {
      if (i > 0) req.body += ',';
      req.body += alert_json(++n);
    }
    req.body += "]";
    state.ResumeTiming();
    int status = 0;
    api.handle(req, [&](http::Response r) { status = r.status; });
    if (status != 200) state.SkipWithError("the request was refused");
  }
  state.SetItemsProcessed(state.iterations() * per_request);
}
BENCHMARK(BM_AlertRequest)->Arg(1)->Arg(10);

// Runs `body` with an SQLite log in a directory of its own, removed afterwards.
template <class Body>
void with_sqlite_log(benchmark::State& state, Body body) {
  auto dir =
      std::filesystem::temp_directory_path() / ("pactum-alert-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto log = store::SqliteEventLog::open((dir / "pactum.db").string());
    if (log) {
      body(**log);
    } else {
      state.SkipWithError("cannot open the database");
    }
  }
  std::filesystem::remove_all(dir);
}

const std::string kMachine = R"({"party":"","roles":[],"user":"system:prometheus"})";

// The durable part: `batch` requests of one alert record each, queued together so the writer
// commits them in one transaction (as 50 connections do), then waited for. Items are records.
void BM_SqliteAlertAppend(benchmark::State& state) {
  with_sqlite_log(state, [&](store::EventLog& log) {
    const auto batch = state.range(0);
    std::string payload = alert_json(0);
    Instant at = *parse_instant("2026-03-02T01:00:00Z");
    for (auto _ : state) {
      std::vector<std::promise<void>> done(static_cast<std::size_t>(batch));
      for (auto& d : done) {
        store::AppendRequest request{
            "alerts", store::kAnyVersion, {{"alert.observed", kMachine, at, payload}}, "", {}};
        log.append(std::move(request), [&d](Result<store::AppendResult>) { d.set_value(); });
      }
      for (auto& d : done) d.get_future().wait();
    }
    state.SetItemsProcessed(state.iterations() * batch);
  });
}
BENCHMARK(BM_SqliteAlertAppend)->Arg(1)->Arg(16)->Arg(64)->UseRealTime();

// What the intake writes instead: the alerts of the requests that arrived during the last commit
// in one alerts.observed record. Items are alerts.
void BM_SqliteAlertRecord(benchmark::State& state) {
  with_sqlite_log(state, [&](store::EventLog& log) {
    const auto alerts = state.range(0);
    std::string payload = "{\"alerts\":[";
    for (std::int64_t i = 0; i < alerts; ++i) payload += (i ? "," : "") + alert_json(i);
    payload += "]}";
    Instant at = *parse_instant("2026-03-02T01:00:00Z");
    for (auto _ : state) {
      store::AppendRequest request{
          "alerts", store::kAnyVersion, {{"alerts.observed", kMachine, at, payload}}, "", {}};
      if (!log.append_and_wait(std::move(request))) state.SkipWithError("append failed");
    }
    state.SetItemsProcessed(state.iterations() * alerts);
  });
}
BENCHMARK(BM_SqliteAlertRecord)->Arg(1)->Arg(16)->Arg(64)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
