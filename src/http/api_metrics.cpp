// /metrics: the request counters of obs::Metrics and gauges of incidents, obligations, messages,
// the event log's writes and the alerts known, for Prometheus.
#include <map>

#include "domain/exercise.hpp"
#include "domain/obligations.hpp"
#include "engine/alert_intake.hpp"
#include "http/api.hpp"

namespace pactum::http {
namespace {

std::string gauges(engine::Engine& engine, store::EventLog& log, store::Outbox& outbox,
                   const engine::AlertIntake* alerts, const engine::Leadership* leadership) {
  auto plan = engine.plan();
  std::string out;
  out +=
      "# HELP pactum_incidents_open Open incidents by level (\"none\" before assessment; exercises "
      "not counted).\n";
  out += "# TYPE pactum_incidents_open gauge\n";
  out +=
      "# HELP pactum_obligations Obligations of open incidents by state (exercises not counted).\n";
  out += "# TYPE pactum_obligations gauge\n";
  std::map<std::string, int> by_level;
  std::map<std::string, int> by_state{{"open", 0}, {"breached", 0}, {"pending", 0}};
  if (plan) {
    for (const auto& l : plan->plan.levels) by_level[l.id] = 0;
    Instant now = engine.clock().now();
    for (const auto& [id, s] : engine.incidents()) {
      if (s.finished() || is_exercise(id)) continue;  // V2: drills are not counted
      ++by_level[s.level.empty() ? "none" : s.level];
      for (const auto& o : obligations(plan->plan, s, now)) {
        if (o.state == ObligationState::breached && o.done_at) continue;
        if (o.state == ObligationState::met || o.state == ObligationState::waived ||
            o.state == ObligationState::expired) {
          continue;
        }
        ++by_state[to_string(o.state)];
      }
    }
  }
  std::string levels, states;
  for (const auto& [level, n] : by_level)
    levels += obs::Metrics::sample("pactum_incidents_open", {{"level", level}}, n);
  for (const auto& [state, n] : by_state)
    states += obs::Metrics::sample("pactum_obligations", {{"state", state}}, n);
  out += levels + states;
  out += "# HELP pactum_messages Messages by delivery state (dead: gave up after retries).\n";
  out += "# TYPE pactum_messages gauge\n";
  if (auto counts = outbox.message_counts(); counts) {
    for (const auto& [state, n] : *counts)
      out += obs::Metrics::sample("pactum_messages", {{"state", state}}, static_cast<double>(n));
  }
  int unacknowledged = 0;
  if (plan) {
    for (const auto& [id, s] : engine.incidents()) {
      if (s.finished() || is_exercise(id)) continue;
      for (const auto& [key, breach] : s.breaches) unacknowledged += !s.acknowledged.contains(key);
    }
  }
  out +=
      "# HELP pactum_escalations_unacknowledged Breached obligations of open incidents nobody has "
      "acknowledged (exercises not counted).\n";
  out += "# TYPE pactum_escalations_unacknowledged gauge\n";
  out += obs::Metrics::sample("pactum_escalations_unacknowledged", {}, unacknowledged);
  out += "# TYPE pactum_event_log_seq gauge\n";
  out +=
      obs::Metrics::sample("pactum_event_log_seq", {}, static_cast<double>(engine.applied_seq()));
  auto writes = log.write_stats();
  out +=
      "# HELP pactum_event_log_commits_total Transactions the event log committed (each holds "
      "every append queued meanwhile).\n";
  out += "# TYPE pactum_event_log_commits_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_commits_total", {},
                              static_cast<double>(writes.commits));
  out += "# HELP pactum_event_log_appends_total Appends committed.\n";
  out += "# TYPE pactum_event_log_appends_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_appends_total", {},
                              static_cast<double>(writes.requests));
  out +=
      "# HELP pactum_event_log_checkpoints_total WAL checkpoints completed (in the background, or "
      "the rest of one by the writer).\n";
  out += "# TYPE pactum_event_log_checkpoints_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_checkpoints_total", {},
                              static_cast<double>(writes.checkpoints));
  out +=
      "# HELP pactum_scheduler_lease_held 1 when this node runs the scheduler and the delivery "
      "worker (with several nodes, exactly one does).\n";
  out += "# TYPE pactum_scheduler_lease_held gauge\n";
  out += obs::Metrics::sample("pactum_scheduler_lease_held", {},
                              !leadership || leadership->held() ? 1 : 0);
  if (alerts) {
    out += "# HELP pactum_alerts Alerts known (each fingerprint once; T5).\n";
    out += "# TYPE pactum_alerts gauge\n";
    out += obs::Metrics::sample("pactum_alerts", {}, static_cast<double>(alerts->size()));
  }
  return out;
}

}  // namespace

void add_metrics_routes(Api& api) {
  // Anonymous unless the server protects it (serve --protect-metrics): then a token with the
  // "metrics" scope (Prometheus's bearer credentials) or a signed-in session.
  Access metrics = api.options().protect_metrics ? Access::metrics : Access::anonymous;
  api.route(
      "GET", "/metrics", metrics,
      [&api](Call&, Reply reply) {
        Response r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = api.metrics().render() + gauges(api.engine(), api.log(), api.outbox(),
                                                 api.options().alerts, api.options().leadership);
        reply(std::move(r));
      },
      Pace::slow);  // the gauges walk every open incident's obligations: 20-60 ms at 5000
}

}  // namespace pactum::http
