// The log's streams that more than one part of the engine names.
#pragma once

#include <string_view>

namespace pactum::engine {

// The plans put in force (plan.activated), each with its YAML.
inline constexpr const char* kPlanStream = "plan";

// An incident's stream is this and its id ("incident/INC-2026-0001"): incident.* and
// obligation.* events, which the engine folds into the incident's state.
inline constexpr const char* kIncidentPrefix = "incident/";

// Every alert record (observed, linked): monitoring's, in floods; they never queue a message or
// move a deadline by themselves.
inline constexpr std::string_view kAlertStream = "alerts";

// Silences (maintenance windows): created and expired by people and their tools, a few a day.
inline constexpr std::string_view kSilenceStream = "silences";

// Security events: sign-in lockouts ("signin.locked"). Credentials stay out of the log; that
// someone was made to wait, for which name and from which address, is recorded.
inline constexpr std::string_view kSecurityStream = "security";

}  // namespace pactum::engine
