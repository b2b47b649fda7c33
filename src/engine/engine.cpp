#include "engine/engine.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <boost/json.hpp>
#include <future>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/event_json.hpp"
#include "domain/notices.hpp"
#include "engine/event_codec.hpp"
#include "engine/streams.hpp"
#include "planfile/load.hpp"

namespace pactum::engine {
namespace {

constexpr int kMaxAttempts = 8;

Result<std::shared_ptr<const ActivePlan>> plan_from_record(const store::RecordedEvent& r) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(r.payload, ec);
  if (ec || !payload.is_object() || !payload.as_object().contains("yaml")) {
    return Error{ErrorCode::internal, fmt::format("event {} is not a readable plan", r.seq), {}};
  }
  const auto& o = payload.as_object();
  auto plan = std::make_shared<ActivePlan>();
  plan->yaml = std::string(o.at("yaml").as_string());
  plan->sha256 = sha256_hex(plan->yaml);
  plan->activated_at = r.at;
  if (auto a = actor_from_json(boost::json::parse(r.actor, ec)); a) plan->activated_by = a->user;
  auto loaded = planfile::load_plan_text(plan->yaml);
  if (!loaded.plan) {
    std::string why = loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].diagnostic.message;
    return Error{ErrorCode::internal,
                 fmt::format("the plan recorded in event {} no longer loads: {}", r.seq, why),
                 {}};
  }
  plan->plan = std::move(*loaded.plan);
  plan->version = plan->plan.version;
  return std::shared_ptr<const ActivePlan>(std::move(plan));
}

}  // namespace

struct Engine::Attempt {
  std::string incident_id;
  Command command;
  Actor actor;
  std::string idempotency_key;
  Done done;
  int tries = 0;
  Series series = Series::incident;  // a report's numbering
};

Engine::Engine(store::EventLog& log, const Clock& clock) : log_(log), clock_(clock) {}

Status Engine::load() {
  if (Status e = catch_up(); !e.ok()) return e;
  return broken();
}

Status Engine::broken() const {
  std::lock_guard lock(mutex_);
  return broken_;
}

Status Engine::catch_up() {
  while (true) {
    std::int64_t from = applied_seq();
    auto page = log_.read(from, 2000);
    if (!page) return page.error();
    if (page->empty()) return {};
    applied(std::move(*page));
    if (applied_seq() == from) {
      return Error{ErrorCode::internal, fmt::format("event {} cannot be applied", from + 1), {}};
    }
  }
}

Result<Plan> valid_plan(const std::string& yaml) {
  auto loaded = planfile::load_plan_text(yaml);
  if (!loaded.plan) {
    std::string all;
    for (const auto& d : loaded.diagnostics) {
      if (d.diagnostic.severity == Severity::error) {
        all += (all.empty() ? "" : "\n") + planfile::format_diagnostic("plan", d);
      }
    }
    return invalid("yaml", "the plan is not valid:\n" + all);
  }
  return std::move(*loaded.plan);
}

Result<std::shared_ptr<const ActivePlan>> Engine::activate_plan(const std::string& yaml,
                                                                const Actor& by) {
  auto loaded = valid_plan(yaml);
  if (!loaded) return loaded.error();
  {
    std::lock_guard lock(mutex_);
    if (plan_ && loaded->version <= plan_->version) {
      return Error{ErrorCode::failed_precondition,
                   fmt::format("plan version {} is in force; a new plan needs a higher version "
                               "(the file says {})",
                               plan_->version, loaded->version),
                   "version"};
    }
  }
  auto stream = log_.read_stream(kPlanStream);
  if (!stream) return stream.error();
  // The stream is the truth (another process may have activated a newer plan meanwhile).
  if (!stream->empty()) {
    boost::system::error_code ec;
    auto last = boost::json::parse(stream->back().payload, ec);
    if (!ec && last.is_object() && last.as_object().contains("version") &&
        last.at("version").to_number<std::int64_t>() >= loaded->version) {
      return Error{ErrorCode::failed_precondition,
                   fmt::format("plan version {} is in force; a new plan needs a higher version "
                               "(the file says {})",
                               last.at("version").to_number<std::int64_t>(), loaded->version),
                   "version"};
    }
  }
  // Expecting the stream's current length: two activations racing cannot both win.
  auto expected = static_cast<std::int64_t>(stream->size());
  boost::json::object payload{{"version", loaded->version},
                              {"id", loaded->id},
                              {"sha256", sha256_hex(yaml)},
                              {"yaml", yaml}};
  store::AppendRequest request{kPlanStream,
                               expected,
                               {{"plan.activated", canonical_json(actor_to_json(by)), clock_.now(),
                                 canonical_json(payload)}},
                               ""};
  // G3: the change is copied to both parties' main contacts, in the same transaction.
  {
    std::lock_guard lock(mutex_);
    if (plan_) request.outbox = render_plan_change(*loaded, clock_.now(), messaging_);
  }
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  applied(r->events);
  return plan();
}

std::shared_ptr<const ActivePlan> Engine::plan() const {
  std::lock_guard lock(mutex_);
  return plan_;
}

void Engine::execute(std::string incident_id, Command command, Actor actor,
                     std::string idempotency_key, Done done) {
  attempt(std::make_shared<Attempt>(Attempt{std::move(incident_id), std::move(command),
                                            std::move(actor), std::move(idempotency_key),
                                            std::move(done), 0, Series::incident}));
}

void Engine::report_exercise(cmd::Report report, Actor actor, std::string idempotency_key,
                             Done done) {
  if (actor.is_system()) {
    return done(Error{ErrorCode::permission_denied,
                      "an exercise is reported by people running a drill, never by a machine",
                      "exercise"});
  }
  attempt(std::make_shared<Attempt>(Attempt{"", Command{std::move(report)}, std::move(actor),
                                            std::move(idempotency_key), std::move(done), 0,
                                            Series::exercise}));
}

Result<CommandOutcome> Engine::execute_and_wait(std::string incident_id, Command command,
                                                Actor actor, std::string idempotency_key) {
  std::promise<Result<CommandOutcome>> promise;
  auto future = promise.get_future();
  execute(std::move(incident_id), std::move(command), std::move(actor), std::move(idempotency_key),
          [&promise](Result<CommandOutcome> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void Engine::attempt(std::shared_ptr<Attempt> a) {
  store::AppendRequest request;
  Status refused;
  std::optional<CommandOutcome> repeated;
  {
    std::lock_guard lock(mutex_);
    if (!a->idempotency_key.empty()) {
      request.idempotency_key = fmt::format("command:{}:{}", a->actor.user, a->idempotency_key);
      if (auto it = recorded_requests_.find(request.idempotency_key);
          it != recorded_requests_.end()) {
        repeated = repeat_locked(it->second);
      }
    }
    if (!repeated) {
      if (!plan_) {
        refused = precondition("no plan is in force: an administrator activates one first");
      } else {
        auto* report = std::get_if<cmd::Report>(&a->command);
        if (report) {
          // A number is held only once the report is decided (below): a refused one takes none.
          a->incident_id = new_incident_id_locked(plan_->plan, a->series);
          report->incident_id = a->incident_id;
        }
        static const IncidentState kNone;
        auto it = incidents_.find(a->incident_id);
        const IncidentState& state = it == incidents_.end() ? kNone : it->second.state;
        auto decided = decide(plan_->plan, state, a->command, a->actor, clock_.now());
        if (!decided) {
          refused = decided.error();
        } else {
          if (report) numbers_.hold(a->incident_id);
          request.stream = kIncidentPrefix + a->incident_id;
          request.expected_version = state.version;
          IncidentState after = state;
          for (const auto& e : *decided) {
            request.events.push_back(encode(e));
            evolve(after, e);
            auto messages = render_messages(plan_->plan, after, a->incident_id,
                                            notices_for(plan_->plan, after, e), e.at, messaging_);
            for (auto& m : messages) request.outbox.push_back(std::move(m));
            for (auto& m : external_outbox(a->incident_id, e))
              request.outbox.push_back(std::move(m));
          }
        }
      }
    }
  }
  // Completions run without the engine's lock: they may call the engine again.
  if (repeated) return a->done(std::move(*repeated));
  if (!refused.ok()) return a->done(refused.error());
  log_.append(std::move(request), [this, a](Result<store::AppendResult> r) {
    if (r) applied(r->events);
    if (std::holds_alternative<cmd::Report>(a->command)) {
      // After applied(): a recorded number is never free, even for a moment.
      std::lock_guard lock(mutex_);
      numbers_.release(a->incident_id);
    }
    if (!r) {
      if (r.error().code == ErrorCode::conflict && ++a->tries < kMaxAttempts) {
        (void)catch_up();  // the state we decided on is stale: decide again on the new one
        attempt(a);
        return;
      }
      a->done(r.error());
      return;
    }
    std::string id = r->events.empty()
                         ? a->incident_id
                         : r->events.front().stream.substr(std::strlen(kIncidentPrefix));
    a->done(CommandOutcome{id, std::move(r->events), r->duplicate});
  });
}

CommandOutcome Engine::repeat_locked(std::int64_t seq) const {
  for (const auto& [id, record] : incidents_) {
    for (const auto& e : record.events) {
      if (e.seq == seq) return CommandOutcome{id, {e}, true};
    }
  }
  return CommandOutcome{"", {}, true};
}

void Engine::applied(std::vector<store::RecordedEvent> records) {
  // Held while applying and notifying: listeners see events in seq order, whichever thread
  // applied them. Listeners must not append (they would wait for themselves).
  std::lock_guard notifying(notify_mutex_);
  std::vector<store::RecordedEvent> newly;
  std::int64_t gap_end = 0;
  {
    std::lock_guard lock(mutex_);
    for (auto& r : records) {
      if (r.seq > applied_seq_) pending_.emplace(r.seq, std::move(r));
    }
    while (!pending_.empty() && pending_.begin()->first == applied_seq_ + 1) {
      auto node = pending_.extract(pending_.begin());
      apply_locked(std::move(node.mapped()), newly);
    }
    if (!pending_.empty()) gap_end = pending_.begin()->first;
  }
  if (gap_end > 0) {
    // Another writer (process, node) appended in between: read what we have not seen.
    std::int64_t from = applied_seq();
    if (auto missing = log_.read(from, static_cast<std::size_t>(gap_end - from - 1)); missing) {
      std::lock_guard lock(mutex_);
      for (auto& r : *missing) {
        if (r.seq > applied_seq_) pending_.emplace(r.seq, std::move(r));
      }
      while (!pending_.empty() && pending_.begin()->first == applied_seq_ + 1) {
        auto node = pending_.extract(pending_.begin());
        apply_locked(std::move(node.mapped()), newly);
      }
    }
  }
  if (newly.empty()) return;
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(listeners_mutex_);
    for (const auto& [id, l] : listeners_) listeners.push_back(l);
  }
  for (const auto& r : newly) {
    for (const auto& l : listeners) l(r);
  }
}

bool Engine::apply_locked(store::RecordedEvent&& record, std::vector<store::RecordedEvent>& out) {
  const store::RecordedEvent& r = out.emplace_back(std::move(record));  // for the listeners
  applied_seq_ = r.seq;
  if (!r.idempotency_key.empty()) recorded_requests_.emplace(r.idempotency_key, r.seq);
  if (r.stream == kPlanStream && r.type == "plan.activated") {
    auto p = plan_from_record(r);
    if (!p) {
      if (broken_.ok()) broken_ = p.error();
      return false;
    }
    plan_ = std::move(*p);
    return true;
  }
  if (r.stream.rfind(kIncidentPrefix, 0) != 0) return true;
  auto e = decode(r);
  if (!e) {
    if (broken_.ok()) broken_ = e.error();
    return false;
  }
  std::string id = r.stream.substr(std::strlen(kIncidentPrefix));
  auto& incident = incidents_[id];
  incident.id = id;
  evolve(incident.state, *e);
  incident.events.push_back(r);
  numbers_.recorded(id);
  return true;
}

std::string Engine::new_incident_id_locked(const Plan& plan, Series series) {
  auto local = plan.calendar.zone->to_local(clock_.now());
  std::string year = date::format("%Y", local);
  return numbers_.next(year, series);
}

std::optional<IncidentRecord> Engine::incident(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = incidents_.find(id);
  if (it == incidents_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<std::string, IncidentState>> Engine::incidents() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, IncidentState>> out;
  out.reserve(incidents_.size());
  for (const auto& [id, rec] : incidents_) out.emplace_back(id, rec.state);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.reported_at != b.second.reported_at
               ? a.second.reported_at > b.second.reported_at
               : a.first > b.first;
  });
  return out;
}

void Engine::read_incidents(
    const std::function<void(const std::map<std::string, IncidentRecord>&)>& read) const {
  std::lock_guard lock(mutex_);
  read(incidents_);
}

void Engine::set_messaging(MessagingConfig config) {
  std::lock_guard lock(mutex_);
  messaging_ = std::move(config);
}

Result<CommandOutcome> Engine::record_alert(const std::string& incident_id, const EventData& alert,
                                            const Actor& machine) {
  std::string key;
  if (const auto* a = std::get_if<ev::AlertAttached>(&alert)) {
    key = fmt::format("alert-attached:{}:{}:{}", incident_id, a->fingerprint,
                      format_instant(a->starts_at));
  } else if (const auto* r = std::get_if<ev::AlertResolved>(&alert)) {
    key = fmt::format("alert-resolved:{}:{}:{}", incident_id, r->fingerprint,
                      format_instant(r->ends_at));
  } else {
    return invalid("alert", "only an alert joining or resolving is recorded this way");
  }
  if (!machine.is_system())
    return Error{ErrorCode::permission_denied, "only monitoring records alerts", {}};
  auto record = incident(incident_id);
  if (!record)
    return Error{ErrorCode::not_found, fmt::format("no incident \"{}\"", incident_id), "incident"};
  if (record->state.finished()) {
    return Error{ErrorCode::failed_precondition,
                 fmt::format("incident \"{}\" is finished", incident_id),
                 {}};
  }
  store::AppendRequest request{kIncidentPrefix + incident_id,
                               store::kAnyVersion,
                               {encode(Event{clock_.now(), machine, alert})},
                               key};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  applied(r->events);
  return CommandOutcome{incident_id, r->events, r->duplicate};
}

std::uint64_t Engine::subscribe(Listener listener) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.emplace(next_listener_, std::move(listener));
  return next_listener_++;
}

void Engine::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.erase(id);
}

std::int64_t Engine::applied_seq() const {
  std::lock_guard lock(mutex_);
  return applied_seq_;
}

}  // namespace pactum::engine
