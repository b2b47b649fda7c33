#include "domain/alert.hpp"

#include <fmt/format.h>

namespace pactum {
namespace {

Status label_set_error(const Labels& labels, const std::string& where, const AlertLimits& limits) {
  if (labels.size() > limits.max_labels) {
    return invalid(where, fmt::format("{} entries; at most {} are accepted", labels.size(),
                                      limits.max_labels));
  }
  for (const auto& [name, value] : labels) {
    if (!valid_label_name(name) || name.size() > limits.max_name_bytes) {
      return invalid(
          where,
          fmt::format("\"{}\" is not a label name (letters, digits and _, not starting with a "
                      "digit, at most {} bytes)",
                      name.substr(0, 64), limits.max_name_bytes));
    }
    if (value.size() > limits.max_value_bytes) {
      return invalid(where + "." + name,
                     fmt::format("the value has {} bytes; at most {} are accepted", value.size(),
                                 limits.max_value_bytes));
    }
  }
  return {};
}

}  // namespace

Status alert_error(const Alert& a, const std::string& where, Instant now,
                   const AlertLimits& limits) {
  if (Status e = label_set_error(a.labels, where + ".labels", limits); !e.ok()) return e;
  if (Status e = label_set_error(a.annotations, where + ".annotations", limits); !e.ok()) return e;
  auto name = a.labels.find("alertname");
  if (name == a.labels.end() || name->second.empty()) {
    return invalid(where + ".labels.alertname",
                   "every alert needs a non-empty \"alertname\" label");
  }
  if (a.starts_at < limits.earliest || a.starts_at > now + limits.max_future_skew) {
    return invalid(where + ".startsAt",
                   fmt::format("{} is not a plausible start (the server's time is {})",
                               format_instant(a.starts_at), format_instant(now)));
  }
  if (a.ends_at && *a.ends_at < a.starts_at) {
    return invalid(where + ".endsAt",
                   fmt::format("{} is before startsAt {}", format_instant(*a.ends_at),
                               format_instant(a.starts_at)));
  }
  return {};
}

AlertVerdict evaluate_alert(const Plan& plan, const Alert& a, const OpenIncidentByGroup& open,
                            Instant now, const std::vector<Silence>& silences) {
  auto found = match_alert(plan, a.labels);
  if (found.empty()) return {};
  AlertVerdict v;
  v.match = found.front();
  v.due = unmuted_from(silences, a.labels,
                       plan.calendar.add(a.starts_at, v.match.condition->alert->firing_for));
  if (auto incident = open(v.match.group_key)) {
    v.kind = AlertVerdict::Kind::attach;
    v.incident_id = *incident;
    return v;
  }
  // Resolved before it had fired long enough (outside silences): the condition never held.
  if (a.ends_at && *a.ends_at < v.due) {
    v.kind = AlertVerdict::Kind::resolved;
  } else if (now < v.due) {
    v.kind = AlertVerdict::Kind::pending;
  } else {
    v.kind = AlertVerdict::Kind::open;
  }
  return v;
}

cmd::Report report_for_alert(const Plan& plan, const Alert& a, const AlertVerdict& v,
                             std::string incident_id) {
  const AlertRule& rule = *v.match.condition->alert;
  std::string party = rule.responsible;
  if (party.empty()) {
    std::string label = label_value(a.labels, "party");
    if (plan.find_party(label)) party = label;
  }
  if (party.empty() && !plan.parties.empty()) party = plan.parties.front().id;

  std::string phenomenon = label_value(a.annotations, "summary");
  if (phenomenon.empty()) phenomenon = label_value(a.labels, "alertname");
  std::string scope = label_value(a.annotations, "description");
  if (scope.empty()) {
    for (const auto& g : rule.group_by) {
      if (!scope.empty()) scope += ", ";
      scope += g + "=" + label_value(a.labels, g);
    }
  }
  std::string cause =
      "alert " + label_value(a.labels, "alertname") + " (" + fingerprint(a.labels) + ")";
  if (!a.generator_url.empty()) cause += " " + a.generator_url;

  return cmd::Report{std::move(incident_id),
                     v.match.trigger->id,
                     v.match.condition->id,
                     phenomenon,
                     scope,
                     cause,
                     v.due,
                     party,
                     party};
}

}  // namespace pactum
