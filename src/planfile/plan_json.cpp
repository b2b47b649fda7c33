#include "planfile/plan_json.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/alert_rules.hpp"

namespace pactum::planfile {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value text(const Text& t) { return object{{"zh", t.zh}, {"en", t.en}}; }

value texts(const std::vector<Text>& ts) {
  array out;
  for (const auto& t : ts) out.push_back(text(t));
  return out;
}

value strings(const std::vector<std::string>& ss) {
  array out;
  for (const auto& s : ss) out.emplace_back(s);
  return out;
}

std::string day(date::local_days d) { return date::format("%F", d); }

std::string percent(int basis_points) {
  if (basis_points % 100 == 0) return fmt::format("{}%", basis_points / 100);
  return fmt::format("{}.{:02}%", basis_points / 100, basis_points % 100);
}

value deadline(const std::optional<Deadline>& d) {
  if (!d) return nullptr;
  return object{{"within", d->within.text()}, {"from", to_string(d->from)}};
}

value cadence(const Cadence& c) {
  object out{{"every", to_string(c.every)}, {"times", c.times}};
  if (c.owner) out["owner"] = object{{"role", c.owner->role}, {"party", c.owner->party}};
  return out;
}

template <class T, class F>
value each(const std::vector<T>& items, F&& f) {
  array out;
  for (const auto& x : items) out.push_back(f(x));
  return out;
}

value grade(const Grade& g) {
  return object{{"id", g.id}, {"name", text(g.name)}, {"description", text(g.description)}};
}

value step(const Step& s) {
  return object{
      {"id", s.id},
      {"name", text(s.name)},
      {"owner", object{{"role", s.owner.role}, {"party", s.owner.party}}},
      {"due", deadline(s.due)},
      {"evidence", object{{"kind", to_string(s.evidence.kind)}, {"count", s.evidence.count}}},
      {"mandatory", s.mandatory},
      {"notice", s.notice ? value(s.notice->text()) : value(nullptr)},
      {"rule", s.rule}};
}

value level(const Level& l) {
  return object{{"id", l.id},
                {"rank", l.rank},
                {"name", text(l.name)},
                {"example", text(l.example)},
                {"resolve", deadline(l.resolve)},
                {"review_submit", deadline(l.review_submit)},
                {"review_approve", deadline(l.review_approve)},
                {"steps", each(l.steps, step)},
                {"resources", texts(l.resources)}};
}

value trigger(const TriggerCategory& t) {
  return object{{"id", t.id},
                {"name", text(t.name)},
                {"conditions", each(t.conditions, [](const TriggerCondition& c) {
                   value alert = nullptr;
                   if (c.alert) {
                     alert = object{
                         {"match", each(c.alert->match,
                                        [](const Matcher& m) -> value {
                                          return value(fmt::format("{}{}\"{}\"", m.label,
                                                                   to_string(m.op), m.value));
                                        })},
                         {"for", c.alert->firing_for.text()},
                         {"level", c.alert->level},
                         {"group_by", strings(c.alert->group_by)},
                         {"responsible", c.alert->responsible}};
                   }
                   return value(object{{"id", c.id}, {"name", text(c.name)}, {"alert", alert}});
                 })}};
}

}  // namespace

value plan_to_json(const Plan& p) {
  object matrix;
  for (const auto& [impact, row] : p.assessment.matrix) {
    object cells;
    for (const auto& [urgency, lvl] : row) cells[urgency] = lvl;
    matrix[impact] = std::move(cells);
  }
  object permissions;
  for (const auto& [action, permission] : p.permissions) {
    permissions[to_string(action)] =
        object{{"roles", strings(permission.roles)}, {"parties", to_string(permission.parties)}};
  }

  object out;
  out["format"] = "pactum-plan/1";
  out["id"] = p.id;
  out["version"] = p.version;
  out["title"] = text(p.title);
  out["agreement"] = object{{"name", text(p.agreement.name)},
                            {"value", format_money(p.agreement.value)},
                            {"currency", p.agreement.currency},
                            {"starts", day(p.agreement.starts)},
                            {"ends", day(p.agreement.ends)}};
  array holidays, workdays;
  for (auto d : p.calendar.holidays) holidays.emplace_back(day(d));
  for (auto d : p.calendar.workdays) workdays.emplace_back(day(d));
  out["calendar"] = object{{"time_zone", p.calendar.time_zone},
                           {"days", p.calendar.days == DayCount::working ? "working" : "calendar"},
                           {"holidays", holidays},
                           {"workdays", workdays}};
  out["parties"] = each(p.parties, [](const Party& x) {
    return value(object{{"id", x.id}, {"name", text(x.name)}});
  });
  out["contacts"] = each(p.contacts, [](const Contact& c) {
    return value(object{{"id", c.id},
                        {"party", c.party},
                        {"name", text(c.name)},
                        {"title", text(c.title)},
                        {"emergency_contact", c.emergency_contact},
                        {"work_phone", c.work_phone},
                        {"mobile", c.mobile},
                        {"email", c.email},
                        {"backup", c.backup}});
  });
  out["roles"] = each(p.roles, [](const Role& r) {
    return value(object{
        {"id", r.id},
        {"name", text(r.name)},
        {"duties", text(r.duties)},
        {"scope", r.scope == RoleScope::joint ? "joint" : "per_party"},
        {"holders", each(r.holders, [](const RoleHolder& h) {
           return value(object{{"party", h.party}, {"holder", h.holder}, {"deputy", h.deputy}});
         })}});
  });
  out["channels"] = object{{"group", each(p.group_channels,
                                          [](const GroupChannel& c) {
                                            return value(object{{"id", c.id},
                                                                {"kind", c.kind},
                                                                {"name", text(c.name)},
                                                                {"encrypted", c.encrypted}});
                                          })},
                           {"paper_sheet", object{{"location", text(p.paper_sheet_location)}}}};
  out["triggers"] = each(p.triggers, trigger);
  out["assessment"] = object{{"impact", each(p.assessment.impact, grade)},
                             {"urgency", each(p.assessment.urgency, grade)},
                             {"matrix", matrix}};
  out["process"] = object{{"report", deadline(p.process.report)},
                          {"sync", deadline(p.process.sync)},
                          {"assess", deadline(p.process.assess)}};
  out["levels"] = each(p.levels, level);
  out["permissions"] = permissions;
  object duty_reminders;
  for (const auto& [period, lead] : p.escalation.duty_reminders) {
    duty_reminders[to_string(period)] = lead.text();
  }
  out["escalation"] =
      object{{"remind_at", fmt::format("{}%", p.escalation.remind_at_percent)},
             {"waves",
              each(p.escalation.waves,
                   [](const EscalationWave& w) {
                     return value(object{{"after", w.after.text()}, {"notify", strings(w.notify)}});
                   })},
             {"duty_reminders", std::move(duty_reminders)}};
  const auto& f = p.fund;
  out["fund"] =
      object{{"reserve", percent(f.reserve_basis_points)},
             {"account", text(f.account)},
             {"held_by", f.held_by},
             {"top_up", object{{"within", f.top_up_within.text()}}},
             {"reconciliation", cadence(f.reconciliation)},
             {"disbursement", object{{"signatures", f.signatures},
                                     {"review_by", f.review_by},
                                     {"expires", f.request_expiry.text()}}},
             {"safety_rectification", f.safety_min && f.safety_max
                                          ? value(object{{"min", format_money(*f.safety_min)},
                                                         {"max", format_money(*f.safety_max)}})
                                          : value(nullptr)}};
  out["suppliers"] = object{
      {"required", p.suppliers.required},
      {"integration_tests", cadence(p.suppliers.integration_tests)},
      {"quotes_per_major_incident", p.suppliers.quotes_per_major_incident},
      {"list", each(p.suppliers.list, [](const Supplier& s) {
         return value(object{
             {"id", s.id},
             {"name", text(s.name)},
             {"contact",
              object{{"name", text(s.contact_name)}, {"phone", s.phone}, {"email", s.email}}},
             {"scope", text(s.scope)},
             {"price", text(s.price)}});
       })}};
  out["backups"] = object{
      {"schedule", cadence(p.backups.schedule)},
      {"restore_test", cadence(p.backups.restore_test)},
      {"locations", each(p.backups.locations, [](const BackupLocation& l) {
         return value(object{
             {"id", l.id}, {"kind", l.kind}, {"name", text(l.name)}, {"isolated", l.isolated}});
       })}};
  auto named = [](const NamedItem& n) {
    return value(object{{"id", n.id}, {"name", text(n.name)}});
  };
  out["drills"] = object{{"cadence", cadence(p.drills.cadence)},
                         {"kinds", strings(p.drills.kinds)},
                         {"scenarios", each(p.drills.scenarios, named)}};
  const auto& t = p.training;
  out["training"] = object{{"content", texts(t.content)},
                           {"on_joining", t.on_joining},
                           {"onboarding_within", t.onboarding_within.text()},
                           {"remedial_within", t.remedial_within.text()},
                           {"refresher", cadence(t.refresher)},
                           {"core_roles", strings(t.core_roles)},
                           {"pass_rate", fmt::format("{}%", t.pass_rate_percent)},
                           {"valid_for", t.valid_for.text()}};
  out["communication"] =
      object{{"meetings", each(p.communication.meetings,
                               [](const Meeting& m) {
                                 return value(object{
                                     {"id", m.id},
                                     {"name", text(m.name)},
                                     {"frequency", text(m.frequency)},
                                     {"participants", strings(m.participants)},
                                     {"cadence", m.cadence ? cadence(*m.cadence) : value(nullptr)},
                                     {"while_incident_at", strings(m.while_incident_at)}});
                               })},
             {"templates", each(p.communication.templates, [](const MessageTemplate& m) {
                return value(object{{"id", m.id},
                                    {"audience", m.audience},
                                    {"name", text(m.name)},
                                    {"subject", text(m.subject)},
                                    {"body", text(m.body)}});
              })}};
  out["third_parties"] = each(p.third_parties, [](const ThirdParty& x) {
    return value(object{{"id", x.id},
                        {"rule", x.rule},
                        {"name", text(x.name)},
                        {"condition", text(x.condition)},
                        {"after", x.after ? value(x.after->text()) : value(nullptr)},
                        {"within", x.within.text()},
                        {"conditions", strings(x.conditions)},
                        {"engaged_by", x.engaged_by ? value(object{{"role", x.engaged_by->role},
                                                                   {"party", x.engaged_by->party}})
                                                    : value(nullptr)}});
  });
  object signers;
  for (const auto& [party, roles] : p.governance.signers) signers[party] = strings(roles);
  out["governance"] = object{{"signatures", strings(p.governance.signatures)},
                             {"signers", std::move(signers)},
                             {"annual_review", cadence(p.governance.annual_review)},
                             {"major_changes", strings(p.governance.major_changes)},
                             {"archive_to", text(p.governance.archive_to)}};
  return out;
}

}  // namespace pactum::planfile
