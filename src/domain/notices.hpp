// Who must hear about what (M1, P1, P2, L3, L4): for each recorded event, the messages it calls
// for and their recipients (plan contacts). Pure: the engine renders each notice with the plan's
// template for its kind and audience and queues it in the same transaction as the event.
#pragma once

#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"

namespace pactum {

struct Notice {
  std::string key;       // unique within the incident: "report", "sync", "reminder:assess", …
  std::string kind;      // report | sync | reminder | breach | risk_notice
  std::string audience;  // internal | partner | …
  std::vector<std::string> contacts;
  std::string obligation;  // reminders and breaches: the obligation concerned
  int wave = -1;           // breaches: the escalation wave
  std::string evidence;    // step notices: what the step recorded (e.g. the risk notice itself)
};

// The notices `event` calls for, given the incident's state after it.
//  - incident.reported → every designated emergency contact (P1: the report reaches them);
//  - incident.synced (the first) → every member of the group, both parties (P2);
//  - obligation.reminded → the owner and deputy of the obligation (a reminder before the deadline);
//  - obligation.escalated → the wave's recipients (L4);
//  - a step whose plan entry says notify (e.g. L3's risk notice) → its audience: "partner" is the
//    emergency contacts of the party that is not responsible (L3: 风险通报 to the partner).
std::vector<Notice> notices_for(const Plan& plan, const IncidentState& after, const Event& event);

}  // namespace pactum
