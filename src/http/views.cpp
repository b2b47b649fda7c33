#include "http/views.hpp"

#include <boost/json.hpp>

#include "domain/exercise.hpp"
#include "domain/overdue.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value text(const Text& t) { return object{{"zh", t.zh}, {"en", t.en}}; }
value instant(const std::optional<Instant>& t) {
  return t ? value(format_instant(*t)) : value(nullptr);
}

value parse_or_string(const std::string& json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  return ec ? value(json) : v;
}

value evidence_json(const std::vector<Evidence>& items) {
  array out;
  for (const auto& e : items) {
    out.push_back(object{{"kind", to_string(e.kind)}, {"text", e.text}, {"ref", e.ref}});
  }
  return out;
}

value level_name(const Plan& plan, const std::string& level) {
  const Level* l = plan.find_level(level);
  return l ? text(l->name) : value(nullptr);
}

// S3: per quotes step, the quotes side by side (the register's name for a listed supplier), how
// many distinct suppliers the plan needs, and the choice once made.
value quotes_json(const Plan& plan, const IncidentState& s) {
  array out;
  for (const auto& [step, quotes] : s.quotes) {
    array list;
    for (const auto& q : quotes) {
      const Supplier* listed = nullptr;
      for (const auto& x : plan.suppliers.list) {
        if (x.id == q.supplier) listed = &x;
      }
      list.push_back(
          object{{"supplier", q.supplier},
                 {"name", listed ? text(listed->name) : text({q.supplier_name, q.supplier_name})},
                 {"on_register", listed != nullptr},
                 {"amount", q.amount},
                 {"valid_until", format_instant(q.valid_until)},
                 {"evidence", evidence_json(q.evidence)}});
    }
    auto choice = s.quote_choices.find(step);
    out.push_back(object{{"step", step},
                         {"needed", plan.suppliers.quotes_per_major_incident},
                         {"quotes", std::move(list)},
                         {"chosen", choice == s.quote_choices.end()
                                        ? value(nullptr)
                                        : value(object{{"supplier", choice->second.supplier},
                                                       {"reason", choice->second.reason}})}});
  }
  return out;
}

}  // namespace

value event_json(const store::RecordedEvent& e) {
  return object{{"seq", e.seq},
                {"stream", e.stream},
                {"version", e.version},
                {"type", e.type},
                {"at", format_instant(e.at)},
                {"actor", parse_or_string(e.actor)},
                {"payload", parse_or_string(e.payload)},
                {"prev_hash", e.prev_hash},
                {"hash", e.hash}};
}

value obligation_json(const Obligation& o) {
  object out{{"key", o.key},
             {"kind", to_string(o.kind)},
             {"rule", o.rule},
             {"title", text(o.title)},
             {"level", o.level},
             {"owner_role", o.owner_role},
             {"owner_party", o.owner_party},
             {"mandatory", o.mandatory},
             {"starts", instant(o.starts)},
             {"due", instant(o.due)},
             {"remind_at", instant(o.remind_at)},
             {"done_at", instant(o.done_at)},
             {"state", to_string(o.state)}};
  if (!o.waived_reason.empty()) out["waived_reason"] = o.waived_reason;
  if (o.notice_ends) out["notice_ends"] = format_instant(*o.notice_ends);
  return out;
}

value incident_summary_json(const Plan& plan, const std::string& id, const IncidentState& s,
                            Instant now) {
  auto obligations = pactum::obligations(plan, s, now);
  // The most urgent undone obligation: the earliest due time, breached ones included.
  const Obligation* next = nullptr;
  int open = 0;
  for (const auto& o : obligations) {
    bool undone_breach = o.state == ObligationState::breached && !o.done_at;
    open += o.state == ObligationState::open;
    if ((o.state == ObligationState::open || undone_breach) && o.due &&
        (!next || *o.due < *next->due)) {
      next = &o;
    }
  }
  Overdue late = overdue(obligations);
  value next_due = next ? obligation_json(*next) : value(nullptr);
  const TriggerCategory* trigger = plan.find_trigger(s.report.trigger);
  return object{{"id", id},
                {"exercise", is_exercise(id)},
                {"status", to_string(s.status)},
                {"level", s.level.empty() ? value(nullptr) : value(s.level)},
                {"level_name", level_name(plan, s.level)},
                {"trigger", s.report.trigger},
                {"trigger_name", trigger ? text(trigger->name) : value(nullptr)},
                {"condition", s.report.condition},
                {"phenomenon", s.report.phenomenon},
                {"scope", s.report.scope},
                {"reporting_party", s.report.reporting_party},
                {"responsible_party", s.report.responsible_party},
                {"discovered_at", format_instant(s.report.discovered_at)},
                {"reported_at", format_instant(s.reported_at)},
                {"reported_by", s.reporter.user},
                {"version", s.version},
                {"next_due", next_due},
                {"breached", late.breached},
                {"worst_breach", late.worst ? obligation_json(*late.worst) : value(nullptr)},
                {"reported_late", late.reported_late},
                {"open_obligations", open}};
}

value incident_detail_json(const Plan& plan, const engine::IncidentRecord& r, Instant now) {
  const IncidentState& s = r.state;
  object out = incident_summary_json(plan, r.id, s, now).as_object();
  out["cause_guess"] = s.report.cause_guess;
  out["assessment"] = s.assessed_at ? value(object{{"impact", s.impact},
                                                   {"urgency", s.urgency},
                                                   {"suggested_level", s.suggested_level},
                                                   {"at", format_instant(*s.assessed_at)}})
                                    : value(nullptr);
  array levels;
  for (const auto& p : s.levels) {
    levels.push_back(
        object{{"level", p.level}, {"from", format_instant(p.from)}, {"reason", p.reason}});
  }
  out["levels"] = levels;
  array steps;
  if (const Level* level = plan.find_level(s.level)) {
    for (const auto& step : level->steps) {
      object j{{"id", step.id},
               {"name", text(step.name)},
               {"owner_role", step.owner.role},
               {"owner_party", step.owner.party},
               {"mandatory", step.mandatory},
               {"evidence_kind", to_string(step.evidence.kind)},
               {"evidence_count", step.evidence.count}};
      if (auto it = s.steps.find(step.id); it != s.steps.end()) {
        j["done"] = object{{"at", format_instant(it->second.at)},
                           {"by", it->second.actor.user},
                           {"waived", it->second.waived},
                           {"reason", it->second.reason},
                           {"evidence", evidence_json(it->second.evidence)}};
      } else {
        j["done"] = nullptr;
      }
      steps.push_back(j);
    }
  }
  out["steps"] = steps;
  out["quotes"] = quotes_json(plan, s);
  array obligations;
  for (const auto& o : pactum::obligations(plan, s, now)) obligations.push_back(obligation_json(o));
  out["obligations"] = obligations;
  if (s.review) {
    const Review& rv = *s.review;
    array actions;
    for (const auto& a : rv.actions) {
      auto done = s.actions_done.find(a.id);
      actions.push_back(object{
          {"id", a.id},
          {"text", a.text},
          {"owner_role", a.owner_role},
          {"due", instant(a.due)},
          {"done_at", done == s.actions_done.end() ? value(nullptr)
                                                   : value(format_instant(done->second.at))}});
    }
    out["review"] = object{{"occurred_at", format_instant(rv.occurred_at)},
                           {"location", rv.location},
                           {"responsible", rv.responsible},
                           {"direct_cause", rv.direct_cause},
                           {"indirect_cause", rv.indirect_cause},
                           {"avoidability", to_string(rv.avoidability)},
                           {"avoidability_notes", rv.avoidability_notes},
                           {"actions", actions},
                           {"submitted_by", s.review_submitted_by},
                           {"submitted_at", instant(s.review_submitted_at)},
                           {"approved_at", instant(s.review_approved_at)}};
  } else {
    out["review"] = nullptr;
  }
  out["resolved_at"] = instant(s.resolved_at);
  out["closed_at"] = instant(s.closed_at);
  out["cancelled_at"] = instant(s.cancelled_at);
  if (s.cancelled_at) out["cancel_reason"] = s.cancel_reason;
  array timeline;
  for (const auto& e : r.events) timeline.push_back(event_json(e));
  out["timeline"] = timeline;
  return out;
}

}  // namespace pactum::http
