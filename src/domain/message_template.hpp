// The variables a message template (M1, mustache) may use, and a check that it uses no other:
// `pactum plan check` rejects a template with an unknown variable, so a typo is found when the
// plan is written, not when an emergency message goes out half empty.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pactum {

inline constexpr const char* kTemplateVariables[] = {
    "incident.id",
    "incident.phenomenon",
    "incident.scope",
    "incident.cause_guess",
    "incident.level",
    "incident.level_name",
    "incident.trigger_name",
    "incident.status",
    "incident.reported_at",
    "incident.discovered_at",
    "incident.responsible_party",
    "incident.reporting_party",
    "incident.url",
    "obligation.title",
    "obligation.rule",
    "obligation.due",
    "wave",
    "recipient.name",
    "ack_url",
    "plan.title",
    "plan.version",
    "plan.url",
    // The plan's own P1–P3 deadlines in words ("接报后1小时内"), so messages never repeat the
    // seed's.
    "plan.report_within",
    "plan.sync_within",
    "plan.assess_within",
    "evidence",
    // Programme duties: duty_reminder and duty_breach messages.
    "duty.rule",
    "duty.period",
    "duty.title",
    "duty.due",
    "programme.url",
    // External messages (communication.templates), drafted by a person from an incident: who
    // sends it (their contact in the plan), the agreement, and the day it is drafted.
    "sender.name",
    "sender.title",
    "sender.party",
    "sender.phone",
    "sender.mobile",
    "sender.email",
    "agreement.name",
    "today",
};

// The names a template uses that are not known variables (in order of first use), or the
// syntax problem ("unclosed tag") as the only entry.
std::vector<std::string> unknown_template_variables(std::string_view text);

}  // namespace pactum
