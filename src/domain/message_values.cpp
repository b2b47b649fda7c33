#include "domain/message_values.hpp"

#include <date/date.h>

#include "domain/deadline_words.hpp"

namespace pactum {

using kainjow::mustache::data;

std::string local_time(const Plan& plan, Instant t) {
  return date::format("%F %R", date::floor<std::chrono::minutes>(plan.calendar.zone->to_local(t))) +
         " (" + plan.calendar.time_zone + ")";
}

kainjow::mustache::mustache plain_template(const std::string& text) {
  kainjow::mustache::mustache tmpl(text);
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  return tmpl;
}

data plan_values(const Plan& plan, Lang lang, const std::string& base_url) {
  data plan_data;
  plan_data.set("title", plan.title.in(lang));
  plan_data.set("version", std::to_string(plan.version));
  plan_data.set("url", base_url + "/#/plan");
  plan_data.set("report_within", deadline_text(plan.process.report, lang));
  plan_data.set("sync_within", deadline_text(plan.process.sync, lang));
  plan_data.set("assess_within", deadline_text(plan.process.assess, lang));
  data root;
  root.set("plan", plan_data);
  return root;
}

data incident_values(const Plan& plan, const IncidentState& s, const std::string& id, Lang lang,
                     const std::string& base_url) {
  auto party = [&](const std::string& p) {
    const Party* x = plan.find_party(p);
    return x ? x->name.in(lang) : p;
  };
  const Level* level = plan.find_level(s.level);
  const TriggerCategory* trigger = plan.find_trigger(s.report.trigger);
  data incident;
  incident.set("id", id);
  incident.set("phenomenon", s.report.phenomenon);
  incident.set("scope", s.report.scope);
  incident.set("cause_guess", s.report.cause_guess);
  incident.set("level", s.level);
  incident.set("level_name", level ? level->name.in(lang) : "");
  incident.set("trigger_name", trigger ? trigger->name.in(lang) : s.report.trigger);
  incident.set("status", to_string(s.status));
  incident.set("reported_at", local_time(plan, s.reported_at));
  incident.set("discovered_at", local_time(plan, s.report.discovered_at));
  incident.set("responsible_party", party(s.report.responsible_party));
  incident.set("reporting_party", party(s.report.reporting_party));
  incident.set("url", base_url + "/#/incidents/" + id);
  return incident;
}

}  // namespace pactum
