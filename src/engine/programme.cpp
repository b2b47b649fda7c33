#include "engine/programme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/exercise.hpp"
#include "domain/fund/fund_facts.hpp"
#include "domain/json_member.hpp"
#include "domain/programme/backups.hpp"
#include "domain/programme/record_json.hpp"
#include "domain/programme/record_rules.hpp"
#include "domain/programme/supplier_tests.hpp"
#include "domain/programme/waivers.hpp"
#include "engine/no_plan.hpp"
#include "engine/notice_messages.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream = "programme";
constexpr const char* kDrill = "drill.recorded";
constexpr const char* kTraining = "training.recorded";
constexpr const char* kMeeting = "meeting.recorded";
constexpr const char* kSupplierTest = "supplier_test.recorded";
constexpr const char* kBreached = "duty.breached";
constexpr const char* kReminded = "duty.reminded";
constexpr const char* kEscalated = "duty.escalated";
constexpr const char* kWaived = "duty.waived";
constexpr const char* kCompleted = "item.completed";
constexpr const char* kBackupRun = "backup.recorded";
constexpr const char* kRestoreTest = "restore_test.recorded";

}  // namespace

ProgrammeRecords::ProgrammeRecords(Engine& engine, store::EventLog& log)
    : engine_(engine), log_(log), records_(std::make_shared<const Programme>()) {}

Status ProgrammeRecords::load() {
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    apply(r.type, r.payload, parse_instant(r.at).value_or(Instant{}));
    return true;
  });
}

void ProgrammeRecords::apply(std::string_view type, std::string_view payload, Instant at) {
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
  } else if (type == kBackupRun) {
    auto r = backup_run_from_json(o);
    if (!r) return;
    id = r->id;
    next->backup_runs.push_back(std::move(*r));
  } else if (type == kRestoreTest) {
    auto t = restore_test_from_json(o);
    if (!t) return;
    id = t->id;
    next->restore_tests.push_back(std::move(*t));
  } else if (type == kSupplierTest) {
    auto t = supplier_test_from_json(o);
    if (!t) return;
    id = t->id;
    next->supplier_tests.push_back(std::move(*t));
  } else if (type == kCompleted) {
    auto c = completion_from_json(o);
    if (!c) return;
    next->completions.push_back(std::move(*c));
    records_ = std::move(next);
    return;
  } else if (type == kWaived) {
    next->waivers.push_back({string_member(o, "rule"), string_member(o, "period"),
                             string_member(o, "subject"), string_member(o, "reason")});
    records_ = std::move(next);
    return;
  } else if (type == kBreached || type == kReminded || type == kEscalated) {
    Duty d;  // its key: rule, period, subject
    d.rule = string_member(o, "rule");
    d.period = string_member(o, "period");
    d.subject = string_member(o, "subject");
    std::string key = duty_key(d);
    if (type == kReminded) {
      notices_.reminded.insert(key);
    } else if (type == kBreached) {
      notices_.breaches.try_emplace(key, DutyNotices::Breach{at, 0});
    } else if (const auto* wave = o.if_contains("wave"); wave && wave->is_int64()) {
      auto& breach = notices_.breaches.try_emplace(key, DutyNotices::Breach{at, 0}).first->second;
      breach.waves_sent = std::max(breach.waves_sent, static_cast<int>(wave->as_int64()) + 1);
    }
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
    for (const auto& e : r->events) apply(e.type, e.payload, e.at);
    engine_.observe(r->events);  // the engine applies every record in seq order
    done(id);
  });
}

void ProgrammeRecords::record_drill(DrillRecord drill, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (Status e = record_permitted(plan, Action::record_drill, by); !e.ok()) return done(e.error());
  if (Status e = drill_error(plan, drill, engine_.clock().now()); !e.ok()) return done(e.error());
  if (Status e = exercise_link_error(drill.exercise_incident); !e.ok()) return done(e.error());
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
  if (Status e = record_permitted(plan, Action::record_training, by); !e.ok())
    return done(e.error());
  if (Status e = training_error(plan, *records(), training, engine_.clock().now()); !e.ok())
    return done(e.error());
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
  if (Status e = record_permitted(plan, Action::record_meeting, by); !e.ok())
    return done(e.error());
  if (Status e = meeting_error(plan, meeting, engine_.clock().now()); !e.ok())
    return done(e.error());
  bool known = !meeting.incident.empty() && engine_.incident(meeting.incident).has_value();
  if (Status e = meeting_incident_error(meeting, known); !e.ok()) return done(e.error());
  {
    std::lock_guard lock(mutex_);
    meeting.id = next_id_locked(plan, "MT", meeting.held_at);
  }
  append(kMeeting, meeting.id, canonical_json(meeting_to_json(meeting)), by, std::move(done),
         engine_.clock().now());
}

void ProgrammeRecords::record_supplier_test(SupplierTest test, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  if (Status e = supplier_test_permitted(plan, by); !e.ok()) return done(e.error());
  if (Status e = supplier_test_error(plan, test, engine_.clock().now()); !e.ok())
    return done(e.error());
  {
    std::lock_guard lock(mutex_);
    test.id = next_id_locked(plan, "ST", plan.calendar.start_of(test.on));
  }
  append(kSupplierTest, test.id, canonical_json(supplier_test_to_json(test)), by, std::move(done),
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
  if (Status e = record_permitted(plan, Action::waive_duty, by); !e.ok()) return done(e.error());
  auto year = period_year(waiver.period);
  if (!year) {
    return done(invalid("period", fmt::format("\"{}\" is not a period such as 2026-Q3, 2026-H2, "
                                              "2026 or 2026-03-05",
                                              waiver.period)));
  }
  Instant now = engine_.clock().now();
  PeriodSpan range{year_span(plan.calendar, *year - 1).start, year_span(plan.calendar, *year).end};
  if (Status e =
          waiver_error(programme_duties(plan, judged(plan), range, now, incident_levels()), waiver);
      !e.ok()) {
    return done(e.error());
  }
  json::object payload{{"rule", waiver.rule},
                       {"period", waiver.period},
                       {"subject", waiver.subject},
                       {"reason", waiver.reason}};
  append(kWaived, waiver.rule + " " + waiver.period, canonical_json(payload), by, std::move(done),
         now,
         fmt::format("{}:{}", kWaived, duty_key(Duty{waiver.rule, waiver.period, waiver.subject})));
}

Status ProgrammeRecords::exercise_link_error(const std::string& incident) const {
  if (incident.empty()) return {};
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
  return {};
}

void ProgrammeRecords::record_backup_run(BackupRun run, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  if (Status e = backup_run_error(plan, run, now); !e.ok()) return done(e.error());
  std::string key = backup_run_key(run);
  auto recorded = records();  // held: a range over records()->… would dangle
  for (const auto& r : recorded->backup_runs) {
    if (backup_run_key(r) == key) {
      return done(Error{ErrorCode::conflict,
                        fmt::format("this run (location, started_at, sha256) is already recorded "
                                    "as {}",
                                    r.id),
                        "sha256"});
    }
  }
  {
    std::lock_guard lock(mutex_);
    run.id = next_id_locked(plan, "BR", run.finished_at);
  }
  append(kBackupRun, run.id, canonical_json(backup_run_to_json(run)), by, std::move(done), now,
         fmt::format("{}:{}", kBackupRun, key));
}

void ProgrammeRecords::record_restore_test(RestoreTest test, const Actor& by, Recorded done) {
  auto active = engine_.plan();
  if (!active) return done(kNoPlan);
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  if (Status e = restore_test_error(plan, test, now); !e.ok()) return done(e.error());
  {
    std::lock_guard lock(mutex_);
    test.id = next_id_locked(plan, "RT", test.held_at);
  }
  append(kRestoreTest, test.id, canonical_json(restore_test_to_json(test)), by, std::move(done),
         now);
}

std::shared_ptr<const Programme> ProgrammeRecords::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

Programme ProgrammeRecords::judged(const Plan& plan) const {
  Programme p = *records();
  if (versions_) p.versions = versions_();
  if (fund_) {
    auto f = fund_();
    p.fund_shortfalls = fund::shortfalls(plan, f->ledger);
    p.fund_reconciliations = fund::reconciliations(f->ledger);
  }
  return p;
}

Result<std::vector<Duty>> ProgrammeRecords::duties(int year) const {
  auto active = engine_.plan();
  if (!active) return kNoPlan;
  const Plan& plan = active->plan;
  return programme_duties(plan, judged(plan), year_span(plan.calendar, year), engine_.clock().now(),
                          incident_levels());
}

std::vector<IncidentLevels> ProgrammeRecords::incident_levels() const {
  std::vector<IncidentLevels> out;
  for (const auto& [id, s] : engine_.incidents()) {
    if (is_exercise(id)) continue;  // an exercise's daily meeting is part of the drill, not a duty
    IncidentLevels i{id, {}, std::nullopt};
    for (const auto& l : s.levels) i.levels.push_back({l.level, l.from});
    for (const auto& end : {s.resolved_at, s.closed_at, s.cancelled_at}) {
      if (end && (!i.ended || *end < *i.ended)) i.ended = end;
    }
    out.push_back(std::move(i));
  }
  return out;
}

std::optional<Instant> ProgrammeRecords::record_breaches() {
  auto active = engine_.plan();
  if (!active) return std::nullopt;
  const Plan& plan = active->plan;
  Instant now = engine_.clock().now();
  int year = static_cast<int>(date::year_month_day{plan.calendar.local_day(now)}.year());
  PeriodSpan range{year_span(plan.calendar, year - 1).start, year_span(plan.calendar, year).end};
  auto duties = programme_duties(plan, judged(plan), range, now, incident_levels());
  DutyNotices recorded;
  {
    std::lock_guard lock(mutex_);
    recorded = notices_;
  }
  for (const auto& alert : duty_alerts_due(plan, duties, recorded, active->activated_at, now)) {
    if (!record_alert(plan, alert, now)) break;  // the log is failing: the next wake-up tries again
  }
  std::lock_guard lock(mutex_);
  auto next = next_duty_alert(plan, duties, notices_, now);
  return next ? std::min(*next, range.end) : range.end;  // next year's duties begin then
}

bool ProgrammeRecords::record_alert(const Plan& plan, const DutyAlert& alert, Instant now) {
  const Duty& d = alert.duty;
  json::object payload{{"rule", d.rule}, {"period", d.period}, {"subject", d.subject}};
  const char* type = kBreached;
  std::string key = duty_key(d);
  std::vector<OutboxMessage> outbox;
  switch (alert.kind) {
    case DutyAlert::Kind::breach:
      payload["owner_role"] = d.owner_role;
      payload["owner_party"] = d.owner_party;
      payload["due"] = format_instant(d.due);
      break;
    case DutyAlert::Kind::reminder:
      type = kReminded;
      payload["due"] = format_instant(d.due);
      payload["recipients"] = json::value_from(alert.recipients);
      outbox = render_duty_messages(plan, d, "duty_reminder", -1, alert.recipients, now,
                                    engine_.messaging());
      break;
    case DutyAlert::Kind::wave:
      type = kEscalated;
      payload["wave"] = alert.wave;
      payload["recipients"] = json::value_from(alert.recipients);
      key += fmt::format(":{}", alert.wave);
      outbox = render_duty_messages(plan, d, "duty_breach", alert.wave, alert.recipients, now,
                                    engine_.messaging());
      break;
  }
  auto r = log_.append_and_wait(
      {kStream,
       store::kAnyVersion,
       {{type, canonical_json(actor_to_json(Actor{"system:scheduler", "", {}})), now,
         canonical_json(payload)}},
       fmt::format("{}:{}", type, key),
       std::move(outbox)});
  if (!r) return false;
  // A duplicate was written before (by another process, or before a crash): the events stored
  // then count as recorded.
  for (const auto& e : r->events) apply(e.type, e.payload, e.at);
  if (!r->duplicate) engine_.observe(r->events);
  return true;
}

std::size_t ProgrammeRecords::breaches_recorded() const {
  std::lock_guard lock(mutex_);
  return notices_.breaches.size();
}

}  // namespace pactum::engine
