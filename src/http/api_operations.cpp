// Operations: health, readiness, metrics, the OpenAPI document, the audit chain, the event
// export and live stream, and the dev clock.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <map>
#include <mutex>

#include "domain/exercise.hpp"
#include "domain/obligations.hpp"
#include "engine/alert_intake.hpp"
#include "engine/audit.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/json_input.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

// Server-sent events of every applied event, after an optional Last-Event-ID (a seq). The
// backlog is read from the log without holding the lock that live events take (a listener runs
// on the log's completion thread and must never wait for a slow replay); live events that arrive
// meanwhile wait in `held_` and follow the backlog in seq order.
class EngineEvents final : public EventSource, public std::enable_shared_from_this<EngineEvents> {
 public:
  EngineEvents(engine::Engine& engine, store::EventLog& log, std::int64_t after)
      : engine_(engine), log_(log), after_(after) {}

  void open(Sink sink) override {
    {
      std::lock_guard lock(mutex_);
      sink_ = std::move(sink);
      replaying_ = after_ >= 0;
      last_ = replaying_ ? after_ : engine_.applied_seq();
      subscription_ = engine_.subscribe([self = weak_from_this()](const store::RecordedEvent& e) {
        if (auto s = self.lock()) s->live(e);
      });
      if (!sink_(": pactum event stream\nretry: 2000\n\n")) return;
    }
    if (!replaying_) return;
    for (std::int64_t from = after_;;) {
      auto page = log_.read(from, 500);
      if (!page || page->empty()) break;
      std::lock_guard lock(mutex_);
      for (const auto& e : *page) {
        if (!send_locked(e)) return;
      }
      from = page->back().seq;
    }
    std::lock_guard lock(mutex_);
    replaying_ = false;
    for (const auto& e : held_) {
      if (!send_locked(e)) break;
    }
    held_.clear();
  }

  void close() override {
    std::lock_guard lock(mutex_);
    if (subscription_) engine_.unsubscribe(subscription_);
    subscription_ = 0;
    sink_ = nullptr;
    held_.clear();
  }

 private:
  void live(const store::RecordedEvent& e) {
    std::lock_guard lock(mutex_);
    if (replaying_) {
      if (held_.size() < 10000) held_.push_back(e);
      return;
    }
    send_locked(e);
  }
  // False once the stream has ended.
  bool send_locked(const store::RecordedEvent& e) {
    if (!sink_) return false;
    if (e.seq <= last_) return true;
    last_ = e.seq;
    return sink_(fmt::format("id: {}\nevent: {}\ndata: {}\n\n", e.seq, e.type,
                             boost::json::serialize(event_json(e))));
  }

  engine::Engine& engine_;
  store::EventLog& log_;
  std::int64_t after_;
  std::int64_t last_ = 0;
  bool replaying_ = false;
  std::vector<store::RecordedEvent> held_;
  std::mutex mutex_;
  Sink sink_;
  std::uint64_t subscription_ = 0;
};

std::string gauges(engine::Engine& engine, store::EventLog& log, const engine::AlertIntake* alerts) {
  auto plan = engine.plan();
  std::string out;
  out += "# HELP pactum_incidents_open Open incidents by level (\"none\" before assessment; exercises not counted).\n";
  out += "# TYPE pactum_incidents_open gauge\n";
  out += "# HELP pactum_obligations Obligations of open incidents by state (exercises not counted).\n";
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
  for (const auto& [level, n] : by_level) levels += obs::Metrics::sample("pactum_incidents_open", {{"level", level}}, n);
  for (const auto& [state, n] : by_state) states += obs::Metrics::sample("pactum_obligations", {{"state", state}}, n);
  out += levels + states;
  out += "# HELP pactum_messages Messages by delivery state (dead: gave up after retries).\n";
  out += "# TYPE pactum_messages gauge\n";
  if (auto counts = log.message_counts(); counts) {
    for (const auto& [state, n] : *counts) out += obs::Metrics::sample("pactum_messages", {{"state", state}}, static_cast<double>(n));
  }
  int unacknowledged = 0;
  if (plan) {
    for (const auto& [id, s] : engine.incidents()) {
      if (s.finished() || is_exercise(id)) continue;
      for (const auto& [key, breach] : s.breaches) unacknowledged += !s.acknowledged.contains(key);
    }
  }
  out += "# HELP pactum_escalations_unacknowledged Breached obligations of open incidents nobody has acknowledged (exercises not counted).\n";
  out += "# TYPE pactum_escalations_unacknowledged gauge\n";
  out += obs::Metrics::sample("pactum_escalations_unacknowledged", {}, unacknowledged);
  out += "# TYPE pactum_event_log_seq gauge\n";
  out += obs::Metrics::sample("pactum_event_log_seq", {}, static_cast<double>(engine.applied_seq()));
  auto writes = log.write_stats();
  out += "# HELP pactum_event_log_commits_total Transactions the event log committed (each holds every append queued meanwhile).\n";
  out += "# TYPE pactum_event_log_commits_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_commits_total", {}, static_cast<double>(writes.commits));
  out += "# HELP pactum_event_log_appends_total Appends committed.\n";
  out += "# TYPE pactum_event_log_appends_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_appends_total", {}, static_cast<double>(writes.requests));
  out += "# HELP pactum_event_log_checkpoints_total WAL checkpoints completed (in the background, or the rest of one by the writer).\n";
  out += "# TYPE pactum_event_log_checkpoints_total counter\n";
  out += obs::Metrics::sample("pactum_event_log_checkpoints_total", {}, static_cast<double>(writes.checkpoints));
  if (alerts) {
    out += "# HELP pactum_alerts Alerts known (each fingerprint once; T5).\n";
    out += "# TYPE pactum_alerts gauge\n";
    out += obs::Metrics::sample("pactum_alerts", {}, static_cast<double>(alerts->size()));
  }
  return out;
}

}  // namespace

void add_operations_routes(Api& api) {
  api.route("GET", "/healthz", Access::anonymous, [](Call&, Reply reply) {
    reply(json_response(200, object{{"status", "ok"}}));
  });

  api.route("GET", "/readyz", Access::anonymous, [&api](Call&, Reply reply) {
    if (auto broken = api.engine().broken()) {
      return reply(error_response(Error{ErrorCode::unavailable, "the event log could not be fully read: " +
                                                          broken->message}));
    }
    auto plan = api.engine().plan();
    reply(json_response(200, object{{"status", "ready"},
                                    {"plan_version", plan ? boost::json::value(plan->version) : nullptr},
                                    {"events", api.engine().applied_seq()}}));
  });

  // Anonymous unless the server protects it (serve --protect-metrics): then a token with the
  // "metrics" scope (Prometheus's bearer credentials) or a signed-in session.
  Access metrics = api.options().protect_metrics ? Access::metrics : Access::anonymous;
  api.route("GET", "/metrics", metrics, [&api](Call&, Reply reply) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = api.metrics().render() + gauges(api.engine(), api.log(), api.options().alerts);
    reply(std::move(r));
  }, Pace::slow);  // the gauges walk every open incident's obligations: 20-60 ms at 5000

  api.route("GET", "/api/openapi.yaml", Access::anonymous, [&api](Call&, Reply reply) {
    Response r;
    r.content_type = "application/yaml; charset=utf-8";
    r.body = api.options().openapi_yaml;
    reply(std::move(r));
  });

  api.route("GET", "/api/v1/audit", Access::read, [&api](Call&, Reply reply) {
    auto head = api.log().head();
    if (!head) return reply(error_response(head.error()));
    reply(json_response(200, object{{"seq", head->seq}, {"head_hash", head->hash}}));
  });

  api.route("POST", "/api/v1/audit/verify", Access::read, [&api](Call&, Reply reply) {
    auto report = engine::verify_log(api.log());
    object body{{"intact", report.intact()},
                {"events", report.events},
                {"head_hash", report.head_hash},
                {"verified_at", format_instant(api.engine().clock().now())}};
    if (report.failure) body["failure"] = *report.failure;
    reply(json_response(200, body));
  }, Pace::slow);  // the whole log: seconds for a big one

  // The export: every recorded event with its hashes, in pages (?after=SEQ&limit=N).
  api.route("GET", "/api/v1/events", Access::read, [&api](Call& call, Reply reply) {
    std::int64_t after = 0;
    std::size_t limit = 1000;
    try {
      if (call.request.query.count("after")) after = std::stoll(call.request.query.at("after"));
      if (call.request.query.count("limit")) {
        limit = std::clamp<std::size_t>(std::stoul(call.request.query.at("limit")), 1, 10000);
      }
    } catch (const std::exception&) {
      return reply(error_response(invalid("after", "after and limit are whole numbers")));
    }
    auto page = api.log().read(after, limit);
    if (!page) return reply(error_response(page.error()));
    array events;
    for (const auto& e : *page) events.push_back(event_json(e));
    reply(json_response(200, object{{"events", events}}));
  }, Pace::slow);

  api.route("GET", "/api/v1/events/stream", Access::read, [&api](Call& call, Reply reply) {
    std::int64_t after = -1;
    const std::string& last = call.request.header("last-event-id");
    std::string from = !last.empty() ? last
                                     : (call.request.query.count("after") ? call.request.query.at("after") : "");
    if (!from.empty()) {
      try {
        after = std::stoll(from);
      } catch (const std::exception&) {
        return reply(error_response(invalid("Last-Event-ID", "Last-Event-ID is an event seq")));
      }
    }
    Response r;
    r.content_type = "text/event-stream";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.events = std::make_shared<EngineEvents>(api.engine(), api.log(), after);
    reply(std::move(r));
  });

  // Moves the server's clock forward (only with `pactum serve --dev-clock`): tests and demos
  // watch deadlines pass without waiting hours.
  api.route("POST", "/api/v1/dev/clock", Access::admin, [&api](Call& call, Reply reply) {
    auto* clock = api.options().dev_clock;
    if (!clock) {
      return reply(error_response(Error{ErrorCode::not_found, "the dev clock is off (pactum serve --dev-clock)"}));
    }
    auto in = Input::parse(call.request.body);
    if (!in) return reply(error_response(in.error()));
    std::string advance = in->str("advance", true, 32);
    if (auto e = in->finish()) return reply(error_response(*e));
    auto d = parse_duration(advance);
    if (!d || (d->unit != DurationUnit::minutes && d->unit != DurationUnit::hours)) {
      return reply(error_response(invalid("advance", "advance is minutes or hours, e.g. 90m or 5h")));
    }
    auto by = d->unit == DurationUnit::hours ? std::chrono::hours(d->count) : std::chrono::minutes(d->count);
    clock->advance(std::chrono::duration_cast<std::chrono::milliseconds>(by));
    api.engine().tick();  // what fell due is recorded before the answer: tests can rely on it
    if (api.scheduler()) api.scheduler()->wake();
    reply(json_response(200, object{{"now", format_instant(clock->now())},
                                    {"offset_ms", clock->offset().count()}}));
  });
}

}  // namespace pactum::http
