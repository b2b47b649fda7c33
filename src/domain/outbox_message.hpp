// A message for a person, as it waits in the outbox: rendered from a notice (who must hear what
// about an incident or a duty), addressed through one of the recipient's channels, and tracked
// until it is delivered or dead. Plain data shared by the store (which keeps it in the same
// transaction as the event that calls for it), the channels of notify (which send it) and the
// engine (which makes and delivers it).
#pragma once

#include <optional>
#include <string>

#include "domain/time.hpp"

namespace pactum {

struct OutboxMessage {
  std::string id;        // unique; also the idempotency key sent to receivers (Message-ID, header)
  std::string incident;  // the incident it concerns
  std::string notice;    // the notice key within the incident ("report", "breach:sync:0", …)
  std::string kind;      // report | sync | reminder | breach | risk_notice
  std::string
      obligation;       // reminders and breaches: acknowledging stops that obligation's escalation
  std::string channel;  // email | wecom | dingtalk | feishu | slack | webhook
  std::string recipient;  // plan contact id
  std::string target;     // the email address, or the group channel id for robots
  std::string mention;    // robots: the mobile number to mention
  std::string subject;
  std::string body;
  Instant created_at;
  Instant next_attempt_at;
  int attempts = 0;
  std::string state = "pending";  // pending | delivered | dead
  std::string last_error;
  std::optional<Instant> delivered_at;
};

}  // namespace pactum
