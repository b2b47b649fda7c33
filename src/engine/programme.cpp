#include "engine/programme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <future>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/programme/record_json.hpp"
#include "domain/programme/record_rules.hpp"
#include "domain/programme/waivers.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream = "programme";
constexpr const char* kDrill = "drill.recorded";
constexpr const char* kTraining = "training.recorded";
constexpr const char* kMeeting = "meeting.recorded";
constexpr const char* kBreached = "duty.breached";
constexpr const char* kWaived = "duty.waived";
constexpr const char* kCompleted = "item.completed";

// One key per duty and event type (kBreached, kWaived): its rule, period and subject.
std::string duty_key(const char* type, const std::string& rule, const std::string& period,
                     const std::string& subject) {
  return fmt::format("{}:{}:{}:{}", type, rule, period, subject);
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
  } else if (type == kCompleted) {
    auto c = completion_from_json(o);
    if (!c) return;
    next->completions.push_back(std::move(*c));
    records_ = std::move(next);
    return;
  } else if (type == kWaived) {
    next->waivers.push_back(
        {field(o, "rule"), field(o, "period"), field(o, "subject"), field(o, "reason")});
    records_ = std::move(next);
    return;
  } else if (type == kBreached) {
    breached_.insert(
        duty_key(kBreached, field(o, "rule"), field(o, "period"), field(o, "subject")));
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
                              const Actor& by, Recorded done, Instant now, std::string once) {
  store::AppendRequest request{kStream,
                               store::kAnyVersion,
                               {{type, canonical_json(actor_to_json(by)), now, std::move(payload)}},
                               std::move(once),
                               {}};
  log_.append(std::move(request), [this, id, done](Result<store::AppendResult> r) {
    if (!r) return done(r.error());
    if (r->duplicate) {  // another request did it first
      return done(Error{ErrorCode::conflict, fmt::format("{} is already recorded", id), {}});
    }
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
  {
    std::lock_guard lock(mutex_);
    drill.id = next_id_locked(plan, "DR", drill.held_at);
  }
  append(kDrill, drill.id, canonical_json(drill_to_json(drill)), by, std::move(done),
         engine_.clock().now());
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
  append(kTraining, training.id, canonical_json(training_to_json(training)), by, std::move(done),
         engine_.clock().now());
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
  append(kMeeting, meeting.id, canonical_json(meeting_to_json(meeting)), by, std::move(done),
         engine_.clock().now());
}

void ProgrammeRecords::complete_item(const ItemRef& ref, const std::string& note, const Actor& by,
                                     Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  Instant now = engine_.clock().now();
  auto completion = pactum::complete_item(active->plan, *records(), ref, note, by, now);
  if (!completion) return done(completion.error());
  std::string id = completion->item;
  append(kCompleted, id, canonical_json(completion_to_json(*completion)), by, std::move(done), now,
         fmt::format("{}:{}", kCompleted, id));
}

void ProgrammeRecords::waive(const DutyWaiver& waiver, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (auto e = record_permitted(plan, Action::waive_duty, by)) return done(*e);
  auto year = period_year(waiver.period);
  if (!year) {
    return done(invalid("period", fmt::format("\"{}\" is not a period such as 2026-Q3, 2026-H2, "
                                              "2026 or 2026-03-05",
                                              waiver.period)));
  }
  Instant now = engine_.clock().now();
  PeriodSpan range{year_span(plan.calendar, *year - 1).start, year_span(plan.calendar, *year).end};
  if (auto e = waiver_error(programme_duties(plan, judged(), range, now), waiver)) {
    return done(*e);
  }
  json::object payload{{"rule", waiver.rule},
                       {"period", waiver.period},
                       {"subject", waiver.subject},
                       {"reason", waiver.reason}};
  append(kWaived, waiver.rule + " " + waiver.period, canonical_json(payload), by, std::move(done),
         now, duty_key(kWaived, waiver.rule, waiver.period, waiver.subject));
}

std::shared_ptr<const Programme> ProgrammeRecords::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

Programme ProgrammeRecords::judged() const {
  Programme p = *records();
  if (versions_) p.versions = versions_();
  return p;
}

Result<std::vector<Duty>> ProgrammeRecords::duties(int year) const {
  auto active = engine_.plan();
  if (!active) return kNoPlan;
  const Plan& plan = active->plan;
  return programme_duties(plan, judged(), year_span(plan.calendar, year), engine_.clock().now());
}

std::optional<Instant> ProgrammeRecords::record_breaches() {
  auto active = engine_.plan();
  if (!active) return std::nullopt;
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  int year = static_cast<int>(date::year_month_day{plan.calendar.local_day(now)}.year());
  PeriodSpan range{year_span(plan.calendar, year - 1).start, year_span(plan.calendar, year).end};
  std::optional<Instant> next = range.end;  // next year's duties begin then
  for (const auto& d : programme_duties(plan, judged(), range, now)) {
    if (d.state == DutyState::open) next = std::min(*next, d.due);
    if (d.state != DutyState::breached || d.due <= active->activated_at) continue;
    std::string key = duty_key(kBreached, d.rule, d.period, d.subject);
    {
      std::lock_guard lock(mutex_);
      if (breached_.count(key)) continue;
    }
    json::object payload{{"rule", d.rule},
                         {"period", d.period},
                         {"subject", d.subject},
                         {"owner_role", d.owner_role},
                         {"owner_party", d.owner_party},
                         {"due", format_instant(d.due)}};
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
