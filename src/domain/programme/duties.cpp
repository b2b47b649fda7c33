#include "domain/programme/duties.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/cadence.hpp"
#include "domain/governance/expiry.hpp"
#include "domain/programme/action_items.hpp"
#include "domain/training.hpp"

namespace pactum {
namespace {

// G2: the annual review's outcome that calls for a new version (record_rules: kReviewOutcomes).
constexpr std::string_view kOutcomeChanges = "changes_proposed";

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// One occurrence a duty may count: a record's id and when it was held.
struct Occurrence {
  std::string id;
  Instant at;
};

class Builder {
 public:
  Builder(const Plan& plan, const Programme& programme, PeriodSpan range, Instant now,
          const std::vector<IncidentLevels>& incidents)
      : plan_(plan), programme_(programme), range_(range), now_(now), incidents_(incidents) {}

  std::vector<Duty> run() {
    drills();
    for (const auto& d : programme_.drills) {
      items("V2", {"改进项", "Improvement"}, d.id, d.held_at, d.improvements);
    }
    onboarding();
    refreshers();
    remedials();
    meetings();
    for (const auto& m : programme_.meetings) {
      items("M1", {"会议行动项", "Meeting action"}, m.id, m.held_at, m.actions);
    }
    annual_review();
    new_version_after_review();
    backups();
    supplier_tests();
    fund_top_ups();
    fund_reconciliations();
    // The programme runs while the agreement does: no duty falls due before it starts, none
    // begins after it ends.
    const Calendar& cal = plan_.calendar;
    Instant starts = cal.start_of(plan_.agreement.starts);
    Instant ends = cal.start_of(plan_.agreement.ends + date::days{1});
    std::erase_if(out_, [&](const Duty& d) { return d.due <= starts || d.starts >= ends; });
    return std::move(out_);
  }

 private:
  // A duty per period of `cadence` starting within the range, met by `times` occurrences in it;
  // with `within`, only the periods that overlap one of its spans.
  void per_period(const char* rule, const Cadence& cadence, const Text& title,
                  const std::string& subject, const std::string& owner_role,
                  const std::string& owner_party, const std::vector<Occurrence>& occurrences,
                  const std::vector<PeriodSpan>* within = nullptr) {
    std::vector<Instant> done;
    for (const auto& o : occurrences) done.push_back(o.at);
    const Calendar& cal = plan_.calendar;
    PeriodSpan range = range_;
    if (within) {  // from the first span's period to the last span's end
      if (within->empty()) return;
      range.start = std::max(range.start, within->front().start);
      range.end = std::min(range.end, within->back().end);
    }
    auto overlaps = [&](PeriodSpan p) {
      return !within || std::any_of(within->begin(), within->end(), [&](PeriodSpan w) {
        return w.start < p.end && w.end > p.start;
      });
    };
    for (Instant t = cal.period_containing(range.start, cadence.every).start; t < range.end;) {
      CadenceStatus s = cadence_status(cal, cadence, done, t, now_);
      if (s.period.start >= range_.start && overlaps(s.period)) {
        Duty d = duty(rule, period_label(cal, s.period.start, cadence.every), subject, title,
                      owner_role, owner_party, s.period);
        d.every = cadence.every;
        d.remind_at = remind_at(d);
        d.required = s.required;
        d.done = s.done;
        for (const auto& o : occurrences) {
          if (o.at >= s.period.start && o.at < s.period.end) d.met_by.push_back(o.id);
        }
        judge(d, s.state == CadenceState::met);
        out_.push_back(std::move(d));
      }
      t = s.period.end;
    }
  }

  // A duty over a window [starts, due) met by one occurrence in it (E2, E4).
  void window(const char* rule, std::string period, const std::string& subject, const Text& title,
              const std::string& owner_role, const std::string& owner_party, PeriodSpan span,
              const std::vector<Occurrence>& occurrences) {
    if (span.start < range_.start || span.start >= range_.end) return;
    Duty d = duty(rule, std::move(period), subject, title, owner_role, owner_party, span);
    for (const auto& o : occurrences) {
      if (o.at >= span.start && o.at < span.end) d.met_by.push_back(o.id);
    }
    d.done = static_cast<int>(d.met_by.size());
    judge(d, d.done >= d.required);
    out_.push_back(std::move(d));
  }

  // Each action item is a duty from its record until the end of its due date, met by its
  // completion in that time: a drill's improvements (V2), a meeting's actions (M1).
  void items(const char* rule, const Text& kind, const std::string& record_id, Instant held_at,
             const std::vector<ActionItem>& list) {
    const Calendar& cal = plan_.calendar;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const ActionItem& item = list[i];
      std::string id = item_id(record_id, i);
      std::vector<Occurrence> done;
      if (const auto* c = completion_of(programme_, id)) done.push_back({id, c->at});
      Text title{fmt::format("{}：{}", kind.zh, item.text),
                 fmt::format("{}: {}", kind.en, item.text)};
      window(rule, period_label(cal, cal.start_of(item.due), Period::day), id, title,
             item.owner_role, item.owner_party, {held_at, item_due(cal, item)}, done);
    }
  }

  Duty duty(const char* rule, std::string period, const std::string& subject, const Text& title,
            const std::string& owner_role, const std::string& owner_party, PeriodSpan span) const {
    Duty d;
    d.rule = rule;
    d.period = std::move(period);
    d.subject = subject;
    d.title = title;
    d.owner_role = owner_role;
    d.owner_party = owner_party;
    d.starts = span.start;
    d.due = span.end;
    d.remind_at = remind_at(d);
    return d;
  }

  // The plan's lead for the duty's period kind before it is due, or remind_at_percent of its span.
  Instant remind_at(const Duty& d) const {
    const auto& e = plan_.escalation;
    auto lead = d.every ? e.duty_reminders.find(*d.every) : e.duty_reminders.end();
    if (lead == e.duty_reminders.end()) {
      return d.starts + (d.due - d.starts) * e.remind_at_percent / 100;
    }
    // The lead as measured forward from the due instant: the calendar steps forward only (working
    // days), and a lead a day or so off at a daylight-saving change is harmless for a reminder.
    Instant at = d.due - (plan_.calendar.add(d.due, lead->second) - d.due);
    return std::max(at, d.starts);
  }

  void judge(Duty& d, bool met) const {
    auto waiver = std::find_if(
        programme_.waivers.begin(), programme_.waivers.end(), [&](const DutyWaiver& w) {
          return w.rule == d.rule && w.period == d.period && w.subject == d.subject;
        });
    if (met) {
      d.state = DutyState::met;
    } else if (waiver != programme_.waivers.end()) {
      d.state = DutyState::waived;
      d.waiver_reason = waiver->reason;
    } else if (governance::expired(plan_, now_) && d.due > governance::expires_at(plan_)) {
      d.state = DutyState::expired;  // G5: owed when the plan expired, never breached
    } else {
      d.state = now_ >= d.due ? DutyState::breached : DutyState::open;
    }
  }

  static std::string role_of(const std::optional<Owner>& o) { return o ? o->role : ""; }
  static std::string party_of(const std::optional<Owner>& o) { return o ? o->party : "any"; }

  // Trainings of `kind` that `contact` attended.
  std::vector<Occurrence> trainings_of(const std::string& contact, TrainingKind kind) const {
    std::vector<Occurrence> out;
    for (const auto& t : programme_.trainings) {
      if (t.kind == kind && contains(t.attendees, contact)) out.push_back({t.id, t.held_at});
    }
    return out;
  }

  Text named(const char* zh, const char* en, const Text& name) const {
    return {fmt::format("{}：{}", zh, name.zh), fmt::format("{}: {}", en, name.en)};
  }

  void drills() {  // V2
    std::vector<Occurrence> held;
    for (const auto& d : programme_.drills) held.push_back({d.id, d.held_at});
    const auto& c = plan_.drills.cadence;
    per_period("V2", c, {"应急演练", "Emergency drill"}, "", role_of(c.owner), party_of(c.owner),
               held);
  }

  void onboarding() {  // E2
    if (!plan_.training.on_joining) return;
    const Calendar& cal = plan_.calendar;
    const auto& owner = plan_.training.refresher.owner;
    for (const auto& contact : plan_.contacts) {
      date::local_days joined = contact.joined.value_or(plan_.agreement.starts);
      Instant start = cal.start_of(joined);
      PeriodSpan span{start, cal.add(start, plan_.training.onboarding_within)};
      window("E2", period_label(cal, start, Period::day), contact.id,
             named("入职培训", "Onboarding training", contact.name), role_of(owner), contact.party,
             span, trainings_of(contact.id, TrainingKind::onboarding));
    }
  }

  void refreshers() {  // E3: each holder and deputy of a core role, once however many roles
    const auto& cadence = plan_.training.refresher;
    std::set<std::string> seen;
    for (const auto& role_id : plan_.training.core_roles) {
      const Role* role = plan_.find_role(role_id);
      if (!role) continue;
      for (const auto& h : role->holders) {
        for (const std::string* id : {&h.holder, &h.deputy}) {
          const Contact* contact = plan_.find_contact(*id);
          if (!contact || !seen.insert(*id).second) continue;
          per_period("E3", cadence, named("核心岗位更新培训", "Refresher training", contact->name),
                     contact->id, cadence.owner ? cadence.owner->role : role_id, contact->party,
                     trainings_of(contact->id, TrainingKind::refresher));
        }
      }
    }
  }

  // E4: an assessment whose pass rate is below the plan's threshold gives each who failed a
  // remedial-training duty from the assessment on (the remedial training itself not counting).
  void remedial_after(const std::string& record_id, Instant held_at,
                      const std::vector<AssessmentResult>& assessment) {
    int passed = static_cast<int>(std::count_if(assessment.begin(), assessment.end(),
                                                [](const auto& a) { return a.passed; }));
    if (!remedial_training_required(plan_, passed, static_cast<int>(assessment.size()))) return;
    const Calendar& cal = plan_.calendar;
    PeriodSpan span{held_at, cal.add(held_at, plan_.training.remedial_within)};
    for (const auto& a : assessment) {
      if (a.passed) continue;
      const Contact* contact = plan_.find_contact(a.contact);
      if (!contact) continue;
      auto occurrences = trainings_of(a.contact, TrainingKind::remedial);
      std::erase_if(occurrences, [&](const Occurrence& o) { return o.id == record_id; });
      window("E4", period_label(cal, held_at, Period::day), contact->id,
             named("补训", "Remedial training", contact->name),
             role_of(plan_.training.refresher.owner), contact->party, span, occurrences);
    }
  }

  void remedials() {
    for (const auto& d : programme_.drills) remedial_after(d.id, d.held_at, d.assessment);
    for (const auto& t : programme_.trainings) remedial_after(t.id, t.held_at, t.assessment);
  }

  std::vector<Occurrence> meetings_of(const std::string& meeting) const {
    std::vector<Occurrence> out;
    for (const auto& m : programme_.meetings) {
      if (m.meeting == meeting) out.push_back({m.id, m.held_at});
    }
    return out;
  }

  void meetings() {  // M1
    for (const auto& m : plan_.communication.meetings) {
      if (!m.cadence) continue;
      if (!m.while_incident_at.empty()) {
        for (const auto& incident : incidents_) during_incident(m, incident);
        continue;
      }
      per_period("M1", *m.cadence, m.name, m.id, role_of(m.cadence->owner),
                 party_of(m.cadence->owner), meetings_of(m.id));
    }
  }

  // M1: the meeting per period while `incident` is open at one of its levels, met by minutes of
  // that meeting naming the incident.
  void during_incident(const Meeting& m, const IncidentLevels& incident) {
    std::vector<PeriodSpan> spans;  // when the incident was at one of the meeting's levels
    Instant ended = std::min(incident.ended.value_or(now_), now_);
    for (std::size_t i = 0; i < incident.levels.size(); ++i) {
      Instant from = incident.levels[i].from;
      Instant to = i + 1 < incident.levels.size() ? incident.levels[i + 1].from : ended;
      to = std::min(to, ended);
      if (from >= to || !contains(m.while_incident_at, incident.levels[i].level)) continue;
      if (!spans.empty() && spans.back().end == from) {
        spans.back().end = to;  // L2 then L3: one span
      } else {
        spans.push_back({from, to});
      }
    }
    std::vector<Occurrence> held;
    for (const auto& r : programme_.meetings) {
      if (r.meeting == m.id && r.incident == incident.id) held.push_back({r.id, r.held_at});
    }
    Text title{fmt::format("{}：{}", m.name.zh, incident.id),
               fmt::format("{}: {}", m.name.en, incident.id)};
    per_period("M1", *m.cadence, title, incident.id, role_of(m.cadence->owner),
               party_of(m.cadence->owner), held, &spans);
  }

  void annual_review() {  // G2
    const auto& c = plan_.governance.annual_review;
    per_period("G2", c, {"年度联合审核", "Joint annual review"}, "", role_of(c.owner),
               party_of(c.owner), meetings_of(kAnnualReviewMeeting));
  }

  // G2: a review that found changes is followed by a version newer than the one in force at the
  // review, in force by the end of January (the plan's time zone) of the next year.
  void new_version_after_review() {
    const Calendar& cal = plan_.calendar;
    const auto& c = plan_.governance.annual_review;
    for (const auto& m : programme_.meetings) {
      if (m.meeting != kAnnualReviewMeeting || m.outcome != kOutcomeChanges) continue;
      std::int64_t in_force = 0;
      for (const auto& v : programme_.versions) {
        if (v.since <= m.held_at) in_force = std::max(in_force, v.version);
      }
      std::vector<Occurrence> newer;
      for (const auto& v : programme_.versions) {
        if (v.version > in_force) newer.push_back({fmt::format("v{}", v.version), v.since});
      }
      date::year next_year = date::year_month_day{cal.local_day(m.held_at)}.year() + date::years{1};
      PeriodSpan span{m.held_at, cal.start_of(date::local_days{next_year / date::February / 1})};
      window(
          "G2", period_label(cal, m.held_at, Period::day), m.id,
          {"年度审核后新版本签署生效", "New version signed and in force after the annual review"},
          role_of(c.owner), party_of(c.owner), span, newer);
    }
  }

  // B1: a successful run per location per schedule period (a day), counted in the period it
  // finished in; only up to the next period (a year of future days would bury the rest of the
  // list and of the owner's calendar feed; the next is there so that its reminder is the
  // scheduler's next wake-up even when today's are met). B2: a restore test per restore_test
  // period, failed or not (the success rate says how they went: domain/programme/backups.hpp).
  // A plan without backup locations has neither (its validation warns, B1).
  void backups() {
    const auto& b = plan_.backups;
    if (b.locations.empty()) return;
    Instant next = plan_.calendar.period_containing(now_, b.schedule.every).end;
    const std::vector<PeriodSpan> until_next{{range_.start, next + std::chrono::milliseconds(1)}};
    for (const auto& location : b.locations) {
      std::vector<Occurrence> runs;
      for (const auto& r : programme_.backup_runs) {
        if (r.success && r.location == location.id) runs.push_back({r.id, r.finished_at});
      }
      per_period("B1", b.schedule, named("数据备份", "Data backup", location.name), location.id,
                 role_of(b.schedule.owner), party_of(b.schedule.owner), runs, &until_next);
    }
    std::vector<Occurrence> tests;
    for (const auto& t : programme_.restore_tests) tests.push_back({t.id, t.held_at});
    per_period("B2", b.restore_test, {"恢复测试", "Restore test"}, "",
               role_of(b.restore_test.owner), party_of(b.restore_test.owner), tests);
  }

  // S2: integration tests with the plan's number of distinct backup suppliers per period: a
  // supplier tested twice in a period counts once. A failed test counts: the duty is to test, and
  // its result is on the record.
  void supplier_tests() {
    const auto& c = plan_.suppliers.integration_tests;
    const Calendar& cal = plan_.calendar;
    std::set<std::pair<std::string, Instant>> seen;  // supplier, period start
    std::vector<Occurrence> held;
    for (const auto& t : programme_.supplier_tests) {
      Instant at = cal.start_of(t.on);
      if (seen.insert({t.supplier, cal.period_containing(at, c.every).start}).second) {
        held.push_back({t.id, at});
      }
    }
    per_period("S2", c, {"备用供应商对接测试", "Backup supplier integration tests"}, "",
               role_of(c.owner), party_of(c.owner), held);
  }

  // F1: each time the fund fell below its floor, the finance lead (fund.disbursement.review_by)
  // of the party holding it (fund.held_by) tops it up within fund.top_up.within: met by the
  // movement that lifted the balance to the floor in that time (later, it stays breached).
  void fund_top_ups() {
    const auto& f = plan_.fund;
    const Calendar& cal = plan_.calendar;
    for (const auto& s : programme_.fund_shortfalls) {
      std::vector<Occurrence> lifted;
      if (s.lifted_at) lifted.push_back({s.lifted_by, *s.lifted_at});
      window("F1", period_label(cal, s.from, Period::day), s.cause,
             {"补足应急资金至储备下限", "Top the emergency fund up to its floor"}, f.review_by,
             f.held_by, {s.from, cal.add(s.from, f.top_up_within)}, lifted);
    }
  }

  // F3: a reconciliation per fund.reconciliation period (half a year), counted in the period of
  // its statement's date, once settled: a difference keeps it open until adjustments with their
  // reasons close it. Owner: the cadence's, else the finance lead of the party holding the fund.
  void fund_reconciliations() {
    const auto& f = plan_.fund;
    const auto& c = f.reconciliation;
    std::vector<Occurrence> settled;
    for (const auto& r : programme_.fund_reconciliations) {
      if (r.settled) settled.push_back({r.id, plan_.calendar.start_of(r.statement_date)});
    }
    per_period("F3", c, {"应急资金盘点", "Emergency fund reconciliation"}, "",
               c.owner ? c.owner->role : f.review_by, c.owner ? c.owner->party : f.held_by,
               settled);
  }

  const Plan& plan_;
  const Programme& programme_;
  PeriodSpan range_;
  Instant now_;
  const std::vector<IncidentLevels>& incidents_;
  std::vector<Duty> out_;
};

}  // namespace

const char* to_string(DutyState s) {
  switch (s) {
    case DutyState::open:
      return "open";
    case DutyState::met:
      return "met";
    case DutyState::breached:
      return "breached";
    case DutyState::waived:
      return "waived";
    case DutyState::expired:
      return "expired";
  }
  return "open";
}

const char* to_string(TrainingKind k) {
  switch (k) {
    case TrainingKind::onboarding:
      return "onboarding";
    case TrainingKind::refresher:
      return "refresher";
    case TrainingKind::remedial:
      return "remedial";
  }
  return "refresher";
}

PeriodSpan year_span(const Calendar& calendar, int year) {
  auto first = date::local_days{date::year{year} / date::January / 1};
  auto next = date::local_days{date::year{year + 1} / date::January / 1};
  return {calendar.start_of(first), calendar.start_of(next)};
}

std::string period_label(const Calendar& calendar, Instant start, Period p) {
  date::local_days day = calendar.local_day(start);
  date::year_month_day ymd{day};
  int y = static_cast<int>(ymd.year());
  unsigned m = static_cast<unsigned>(ymd.month());
  switch (p) {
    case Period::day:
      return fmt::format("{:04}-{:02}-{:02}", y, m, static_cast<unsigned>(ymd.day()));
    case Period::week: {
      // ISO 8601: the week belongs to the year of its Thursday; week 1 holds the first Thursday.
      date::local_days thursday = day - (date::weekday{day} - date::Monday) + date::days{3};
      date::year_month_day t{thursday};
      auto jan1 = date::local_days{t.year() / date::January / 1};
      int week = static_cast<int>((thursday - jan1).count()) / 7 + 1;
      return fmt::format("{:04}-W{:02}", static_cast<int>(t.year()), week);
    }
    case Period::month:
      return fmt::format("{:04}-{:02}", y, m);
    case Period::quarter:
      return fmt::format("{:04}-Q{}", y, (m - 1) / 3 + 1);
    case Period::half_year:
      return fmt::format("{:04}-H{}", y, m <= 6 ? 1 : 2);
    case Period::year:
      return fmt::format("{:04}", y);
  }
  return "";
}

std::optional<Instant> last_trained(const Programme& programme, const std::string& contact) {
  std::optional<Instant> last;
  for (const auto& t : programme.trainings) {
    if (contains(t.attendees, contact) && (!last || t.held_at > *last)) last = t.held_at;
  }
  return last;
}

std::vector<Duty> programme_duties(const Plan& plan, const Programme& programme, PeriodSpan range,
                                   Instant now, const std::vector<IncidentLevels>& incidents) {
  return Builder(plan, programme, range, now, incidents).run();
}

}  // namespace pactum
