// The values message templates (M1, mustache) are rendered with: the plan's and an incident's,
// in one language (their names: message_template.hpp). Shared by the messages Pactum sends by
// itself (engine/messages) and the external messages a person drafts from an incident
// (external_message), so that a variable means the same in both. Pure: links start at
// `base_url`, where people open Pactum.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>

#include "domain/incident.hpp"
#include "domain/plan.hpp"

namespace pactum {

// A time in the plan's zone, to the minute, with the zone named: "2026-03-02 10:15
// (Asia/Shanghai)".
std::string local_time(const Plan& plan, Instant t);

// A template for plain text: values go in as they are (mustache escapes HTML by default). Parse
// once and render for each recipient: parsing costs more than rendering.
kainjow::mustache::mustache plain_template(const std::string& text);

// {plan: {title, version, url}}: what every message may use.
kainjow::mustache::data plan_values(const Plan& plan, Lang lang, const std::string& base_url);

// The `incident` object: id, phenomenon, scope, cause_guess, level, level_name, trigger_name,
// status, reported_at, discovered_at, responsible_party, reporting_party (party names), url.
kainjow::mustache::data incident_values(const Plan& plan, const IncidentState& s,
                                        const std::string& id, Lang lang,
                                        const std::string& base_url);

}  // namespace pactum
