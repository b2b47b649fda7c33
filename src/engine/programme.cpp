#include "engine/programme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <future>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/exercise.hpp"
#include "domain/programme/record_json.hpp"
#include "domain/programme/record_rules.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream = "programme";
constexpr const char* kDrill = "drill.recorded";
constexpr const char* kTraining = "training.recorded";
constexpr const char* kMeeting = "meeting.recorded";
constexpr const char* kBreached = "duty.breached";

// One key per duty: its rule, period and subject.
std::string breach_key(const std::string& rule, const std::string& period,
                       const std::string& subject) {
  return fmt::format("{}:{}:{}:{}", kBreached, rule, period, subject);
}

std::string field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const Error kNoPlan = precondition("no plan is in force: activate one first");

}  // namespace

ProgrammeRecords::ProgrammeRecords(Engine& engine, store::EventLog& log)
    : engine_(engine), log_(log), records_(std::make_shared<const Programme>()) {}

std::optional<Error> ProgrammeRecords::load() {
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    apply(r.type, r.payload);
    return true;
  });
}

void ProgrammeRecords::apply(std::string_view type, std::string_view payload) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return;  // unreadable: the audit names it; the rest still count
  const auto& o = v.as_object();
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Programme>(*records_);
  std::string id;
  if (type == kDrill) {
    auto d = drill_from_json(o);
    if (!d) return;
    id = d->id;
    next->drills.push_back(std::move(*d));
  } else if (type == kTraining) {
    auto t = training_from_json(o);
    if (!t) return;
    id = t->id;
    next->trainings.push_back(std::move(*t));
  } else if (type == kMeeting) {
    auto m = meeting_from_json(o);
    if (!m) return;
    id = m->id;
    next->meetings.push_back(std::move(*m));
  } else if (type == kBreached) {
    breached_.insert(breach_key(field(o, "rule"), field(o, "period"), field(o, "subject")));
    return;
  } else {
    return;  // a type of a later version: ignored
  }
  // "DR-2026-0007": numbers continue after the highest seen.
  if (auto dash = id.rfind('-'); dash != std::string::npos) {
    int n = std::atoi(id.c_str() + dash + 1);
    int& last = last_number_[id.substr(0, dash + 1)];
    last = std::max(last, n);
  }
  records_ = std::move(next);
}

std::string ProgrammeRecords::next_id_locked(const Plan& plan, const char* prefix,
                                             Instant held_at) {
  date::year_month_day day{plan.calendar.local_day(held_at)};
  std::string head = fmt::format("{}-{:04}-", prefix, static_cast<int>(day.year()));
  return fmt::format("{}{:04}", head, ++last_number_[head]);
}

void ProgrammeRecords::append(const char* type, const std::string& id, std::string payload,
                              const Actor& by, Recorded done) {
  Instant now = engine_.clock().now();
  store::AppendRequest request{kStream,
                               store::kAnyVersion,
                               {{type, canonical_json(actor_to_json(by)), now, std::move(payload)}},
                               {},
                               {}};
  log_.append(std::move(request), [this, id, done](Result<store::AppendResult> r) {
    if (!r) return done(r.error());
    for (const auto& e : r->events) apply(e.type, e.payload);
    engine_.observe(r->events);  // the engine applies every record in seq order
    done(id);
  });
}

void ProgrammeRecords::record_drill(DrillRecord drill, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (auto e = record_permitted(plan, Action::record_drill, by)) return done(*e);
  if (auto e = drill_error(plan, drill, engine_.clock().now())) return done(*e);
  if (auto e = exercise_link_error(drill.exercise_incident)) return done(*e);
  {
    std::lock_guard lock(mutex_);
    drill.id = next_id_locked(plan, "DR", drill.held_at);
  }
  append(kDrill, drill.id, canonical_json(drill_to_json(drill)), by, std::move(done));
}

void ProgrammeRecords::record_training(TrainingRecord training, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (auto e = record_permitted(plan, Action::record_training, by)) return done(*e);
  if (auto e = training_error(plan, *records(), training, engine_.clock().now())) return done(*e);
  {
    std::lock_guard lock(mutex_);
    training.id = next_id_locked(plan, "TR", training.held_at);
  }
  append(kTraining, training.id, canonical_json(training_to_json(training)), by, std::move(done));
}

void ProgrammeRecords::record_meeting(MeetingRecord meeting, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (auto e = record_permitted(plan, Action::record_meeting, by)) return done(*e);
  if (auto e = meeting_error(plan, meeting, engine_.clock().now())) return done(*e);
  {
    std::lock_guard lock(mutex_);
    meeting.id = next_id_locked(plan, "MT", meeting.held_at);
  }
  append(kMeeting, meeting.id, canonical_json(meeting_to_json(meeting)), by, std::move(done));
}

std::optional<Error> ProgrammeRecords::exercise_link_error(const std::string& incident) const {
  if (incident.empty()) return std::nullopt;
  if (!is_exercise(incident) || !engine_.incident(incident)) {
    return invalid("exercise_incident",
                   fmt::format("\"{}\" is not an exercise incident (EX-…) on record", incident));
  }
  for (const auto& d : records()->drills) {
    if (d.exercise_incident == incident) {
      return invalid("exercise_incident",
                     fmt::format("exercise {} is already scored by drill {}", incident, d.id));
    }
  }
  return std::nullopt;
}

std::shared_ptr<const Programme> ProgrammeRecords::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

Result<std::vector<Duty>> ProgrammeRecords::duties(int year) const {
  auto active = engine_.plan();
  if (!active) return kNoPlan;
  const Plan& plan = active->plan;
  return programme_duties(plan, *records(), year_span(plan.calendar, year), engine_.clock().now());
}

std::optional<Instant> ProgrammeRecords::record_breaches() {
  auto active = engine_.plan();
  if (!active) return std::nullopt;
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  int year = static_cast<int>(date::year_month_day{plan.calendar.local_day(now)}.year());
  PeriodSpan range{year_span(plan.calendar, year - 1).start, year_span(plan.calendar, year).end};
  std::optional<Instant> next = range.end;  // next year's duties begin then
  for (const auto& d : programme_duties(plan, *records(), range, now)) {
    if (d.state == DutyState::open) next = std::min(*next, d.due);
    if (d.state != DutyState::breached || d.due <= active->activated_at) continue;
    std::string key = breach_key(d.rule, d.period, d.subject);
    {
      std::lock_guard lock(mutex_);
      if (breached_.count(key)) continue;
    }
    json::object payload{{"rule", d.rule},         {"period", d.period},
                         {"subject", d.subject},   {"owner_role", d.owner_role},
                         {"owner_party", d.owner_party}, {"due", format_instant(d.due)}};
    std::promise<Result<store::AppendResult>> written;
    log_.append({kStream,
                 store::kAnyVersion,
                 {{kBreached, canonical_json(actor_to_json(Actor{"system:scheduler", "", {}})), now,
                   canonical_json(payload)}},
                 key,
                 {}},
                [&written](Result<store::AppendResult> r) { written.set_value(std::move(r)); });
    auto r = written.get_future().get();
    if (!r) break;  // the log is failing: the next wake-up tries again
    if (!r->duplicate) {
      for (const auto& e : r->events) apply(e.type, e.payload);
      engine_.observe(r->events);
    } else {
      std::lock_guard lock(mutex_);
      breached_.insert(key);
    }
  }
  return next;
}

std::size_t ProgrammeRecords::breaches_recorded() const {
  std::lock_guard lock(mutex_);
  return breached_.size();
}

}  // namespace pactum::engine
