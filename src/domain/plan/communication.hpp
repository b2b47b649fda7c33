// The plan model, communication: meetings, message templates to the outside, and the
// notifications Pactum sends. Part of domain/plan.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/duration.hpp"
#include "domain/plan/basics.hpp"
#include "domain/text.hpp"

namespace pactum {

struct Meeting {  // M1
  std::string id;
  Text name;
  Text frequency;
  std::vector<std::string> participants;  // role ids
  // M1: a meeting held per calendar period (the quarterly group meeting) is a programme duty;
  // one without (the daily incident meeting) is held as incidents need it.
  std::optional<Cadence> cadence;
  // M1: level ids; with them the cadence runs only while an incident is open at one of these
  // levels, a duty per period and incident (the daily incident meeting at L2 and L3).
  std::vector<std::string> while_incident_at;
};

// G2: the joint annual review is recorded as a meeting with this id (it needs no entry in
// communication.meetings).
inline constexpr const char* kAnnualReviewMeeting = "annual_review";

struct MessageTemplate {  // M1: a message to the outside, drafted from an incident
  std::string id;
  std::string audience;  // internal | partner | regulator | supplier | users
  Text name;
  Text subject;  // mustache, the variables of message_template.hpp
  Text body;
};

struct Communication {
  std::vector<Meeting> meetings;
  std::vector<MessageTemplate> templates;
};

// What a message is (its kind) and whom it addresses (its audience): M1's templates.
inline constexpr const char* kMessageKinds[] = {
    "report", "sync",     "reminder",   "breach",        "risk_notice",
    "change", "proposal", "signer_key", "duty_reminder", "duty_breach"};
inline constexpr const char* kAudiences[] = {"internal", "partner", "regulator", "supplier",
                                             "users"};

struct NotificationTemplate {  // M1: mustache, in both languages
  std::string kind;
  std::string audience;
  Text subject;
  Text body;
};

struct NotificationPolicy {
  std::vector<NotificationTemplate> templates;
  Duration ack_valid_for{24, DurationUnit::hours};  // how long an acknowledgement link works
  int max_attempts = 8;                             // then the message is dead-lettered

  const NotificationTemplate* find(const std::string& kind, const std::string& audience) const;
};

}  // namespace pactum
