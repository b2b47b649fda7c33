// What a person may do on an incident now, asked without a command (C3, L4, V1, X1, X3, M1):
// the checks of the incident's state and of the person's roles and party that decide() makes
// before it reads a command's fields. decide() calls refusal() itself, so the incident page's
// answer ("may I complete this step?") and the API's refusal of the command come from one
// function and cannot disagree. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/result.hpp"

namespace pactum {

// The things a person does on an existing incident; each is one command (record_quotes: the S3
// quotes and their choice).
enum class Act {
  sync,
  assess,
  change_level,
  complete_step,       // target: the step
  record_quotes,       // target: an S3 step
  waive_step,          // target: the step
  engage_third_party,  // target: the third party (X1, X3)
  note,
  send_external,  // M1
  resolve,
  submit_review,
  complete_action,  // target: the review's follow-up action (V1)
  approve_review,
  close,
  cancel,
};
inline constexpr Act kLastAct = Act::cancel;
const char* to_string(Act act);

// Success when `actor` may do `act` (on `target`) now; otherwise the error decide() answers any
// command of that kind with, whatever its fields: not_found (no such incident, step, third party
// or action), failed_precondition (not in this state; e.g. reason "incident.closed") or
// permission_denied (e.g. "step.owned_by_other_party" with owner_role and party). The reasons and
// their parameters are listed in docs/openapi.yaml (Error).
Status refusal(const Plan& plan, const IncidentState& state, const Actor& actor, Act act,
               const std::string& target = {});

// Who may do `act` (on `target`) as the plan says: for each role, of which party ("any": every
// party's), the contacts holding it (holder, then deputy; every designated contact for the
// emergency_contact pseudo-role; none listed for "any" role). What a refusal for permission
// says to the person refused.
struct Entitled {
  struct Person {
    std::string contact;  // a contact id
    bool deputy = false;
  };
  std::string role;   // a role id, or "any" / "emergency_contact"
  std::string party;  // a party id, or "any"
  std::vector<Person> people;
};
std::vector<Entitled> entitled(const Plan& plan, const IncidentState& state, Act act,
                               const std::string& target = {});

}  // namespace pactum
