#include "domain/incident_csv.hpp"

#include "domain/csv.hpp"
#include "domain/exercise.hpp"
#include "domain/overdue.hpp"

namespace pactum {
namespace {

std::string instant(const std::optional<Instant>& t) { return t ? format_instant(*t) : ""; }

}  // namespace

std::string incidents_csv(const Plan& plan,
                          const std::vector<std::pair<std::string, IncidentState>>& incidents,
                          Instant now) {
  std::string out(kUtf8Bom);
  out +=
      "id,exercise,status,level,level_zh,level_en,trigger,trigger_zh,trigger_en,condition,"
      "phenomenon,scope,cause_guess,reporting_party,responsible_party,discovered_at,reported_at,"
      "reported_late,breached,resolved_at,closed_at,cancelled_at,cancel_reason\r\n";
  for (const auto& [id, s] : incidents) {
    const Level* level = plan.find_level(s.level);
    const TriggerCategory* trigger = plan.find_trigger(s.report.trigger);
    Overdue late = overdue(obligations(plan, s, now));
    csv_field(out, id, true);
    csv_field(out, is_exercise(id) ? "true" : "false");
    csv_field(out, to_string(s.status));
    csv_field(out, s.level);
    csv_field(out, level ? level->name.zh : "");
    csv_field(out, level ? level->name.en : "");
    csv_field(out, s.report.trigger);
    csv_field(out, trigger ? trigger->name.zh : "");
    csv_field(out, trigger ? trigger->name.en : "");
    csv_field(out, s.report.condition);
    csv_field(out, s.report.phenomenon);
    csv_field(out, s.report.scope);
    csv_field(out, s.report.cause_guess);
    csv_field(out, s.report.reporting_party);
    csv_field(out, s.report.responsible_party);
    csv_field(out, format_instant(s.report.discovered_at));
    csv_field(out, format_instant(s.reported_at));
    csv_field(out, late.reported_late ? "true" : "false");
    csv_field(out, std::to_string(late.breached));
    csv_field(out, instant(s.resolved_at));
    csv_field(out, instant(s.closed_at));
    csv_field(out, instant(s.cancelled_at));
    csv_field(out, s.cancel_reason);
    out += "\r\n";
  }
  return out;
}

}  // namespace pactum
