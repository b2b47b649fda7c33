// The plan model, the people: the agreement, the parties, their contacts and roles, the backup
// group channels, and which roles may do what. Part of domain/plan.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/plan/basics.hpp"
#include "domain/text.hpp"

namespace pactum {

struct Agreement {
  Text name;
  Money value;  // total cooperation amount (F1)
  std::string currency = "CNY";
  date::local_days starts;
  date::local_days ends;
};

struct Party {
  std::string id;
  Text name;
  std::string group_channel;  // id of a channels.group entry: the party's group (C4); optional
};

struct Contact {  // C1: a member of the emergency contact group
  std::string id;
  std::string party;
  Text name;
  Text title;
  bool emergency_contact = false;  // designated 应急联系人
  std::string work_phone;
  std::string mobile;
  std::string email;
  std::string backup;  // backup contact method
  // How Pactum reaches this person (C4): email, or the party's group robot (wecom, dingtalk,
  // feishu, slack) mentioning them, or a generic webhook.
  std::string preferred_channel = "email";
  std::string backup_channel;  // optional
  // When the contact joined the group (E2: onboarding training within a window of it); absent:
  // the agreement's start.
  std::optional<date::local_days> joined;
};

struct RoleHolder {
  std::string party;   // empty for a joint role
  std::string holder;  // contact id
  std::string deputy;  // contact id
};

enum class RoleScope { per_party, joint };

struct Role {  // C3
  std::string id;
  Text name;
  Text duties;
  RoleScope scope = RoleScope::per_party;
  std::vector<RoleHolder> holders;
};

struct GroupChannel {  // C4, M2
  std::string id;
  std::string kind;  // wecom | dingtalk | feishu | slack | webhook | email
  Text name;
  bool encrypted = false;
};

// Incident actions that the plan's permissions govern, then the programme's records (V2 drills,
// E1–E4 trainings, M1/G2 meetings) and their follow-through (completing any drill improvement or
// meeting action item besides its owner's own, waiving a programme duty): every incident action
// must be listed; a programme action that the plan does not list may not be done by anyone.
enum class Action {
  report,
  sync,
  assess,
  change_level,
  resolve,
  submit_review,
  approve_review,
  close,
  cancel,
  waive_step,
  note,
  send_external,  // M1: optional, like those after it (unlisted: nobody may)
  record_drill,
  record_training,
  record_meeting,
  complete_item,
  waive_duty,
  record_fund_movement,
  request_disbursement,
  pay_disbursement,
  reconcile_fund,
};
// The actions every plan must permit someone to do; those after it are optional.
inline constexpr Action kLastIncidentAction = Action::note;
inline constexpr Action kLastAction = Action::reconcile_fund;
const char* to_string(Action a);
std::optional<Action> parse_action(const std::string& name);

// Pseudo-roles usable in permissions: "any" (every member) and "emergency_contact" (C1).
inline constexpr const char* kAnyRole = "any";
inline constexpr const char* kEmergencyContactRole = "emergency_contact";

// Which parties' members a permission covers: every party's (the seed's joint group: both
// parties' leaders may change an incident's level), or only the party responsible for the
// incident (责任方), so that the other party's leader may not.
enum class PartyScope { any, own };
const char* to_string(PartyScope p);

struct Permission {                // C3: who may do an incident action
  std::vector<std::string> roles;  // role ids, or the pseudo-roles above
  PartyScope parties = PartyScope::any;
};

}  // namespace pactum
