// The plan model: the cooperation agreement's emergency plan as data. Every number of the seed plan
// (2 h, 4 h, 5 %, 3 signatures, 80 % …) lives here, never as a constant in code.
// A Plan is produced by the plan-file loader (src/planfile) and checked by validate_plan().
// Requirement IDs (C1, P3, L2 …) refer to docs/requirements.md.
//
// The model's types live by section in domain/plan/ (basics, parties, response, programme,
// communication, governance); this header includes them all, so a user of the model includes it
// alone.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/plan/basics.hpp"
#include "domain/plan/communication.hpp"
#include "domain/plan/governance.hpp"
#include "domain/plan/parties.hpp"
#include "domain/plan/programme.hpp"
#include "domain/plan/response.hpp"
#include "domain/text.hpp"

namespace pactum {

struct Plan {
  std::string id;
  std::int64_t version = 1;
  Text title;
  Agreement agreement;
  Calendar calendar;
  std::vector<Party> parties;
  std::vector<Contact> contacts;
  std::vector<Role> roles;
  std::vector<GroupChannel> group_channels;
  Text paper_sheet_location;
  std::vector<TriggerCategory> triggers;
  Assessment assessment;
  ProcessDeadlines process;
  std::vector<Level> levels;
  std::map<Action, Permission> permissions;
  Escalation escalation;
  FundPolicy fund;
  SupplierPolicy suppliers;
  BackupPolicy backups;
  DrillPolicy drills;
  TrainingPolicy training;
  Communication communication;
  std::vector<ThirdParty> third_parties;
  Governance governance;
  NotificationPolicy notifications;

  const Party* find_party(const std::string& id) const;
  const Contact* find_contact(const std::string& id) const;
  const Role* find_role(const std::string& id) const;
  const Level* find_level(const std::string& id) const;
  const TriggerCategory* find_trigger(const std::string& id) const;
  // The other party of a two-party plan; nullptr if `party` is unknown.
  const Party* partner_of(const std::string& party) const;
  // The level the matrix suggests for (impact, urgency); nullptr if either grade is unknown.
  const std::string* suggested_level(const std::string& impact, const std::string& urgency) const;
  // Roles a contact holds as holder or deputy (C3), plus "emergency_contact" when designated (C1).
  std::vector<std::string> roles_of(const std::string& contact_id) const;
};

}  // namespace pactum
