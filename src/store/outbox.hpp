// The transactional outbox: messages are written in the same transaction as the events that call
// for them, so a message is queued exactly when its event is recorded, and a crash in between
// loses neither. A delivery worker takes what is due, and every attempt is recorded.
#pragma once

#include <optional>
#include <string>

#include "domain/time.hpp"

namespace pactum::store {

struct OutboxMessage {
  std::string id;         // unique; also the idempotency key sent to receivers (Message-ID, header)
  std::string incident;   // the incident it concerns
  std::string notice;     // the notice key within the incident ("report", "breach:sync:0", …)
  std::string kind;       // report | sync | reminder | breach | risk_notice
  std::string obligation; // reminders and breaches: acknowledging stops that obligation's escalation
  std::string channel;    // email | wecom | dingtalk | feishu | slack | webhook
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

struct DeliveryAttempt {
  std::string message_id;
  Instant at;
  bool ok = false;
  std::string detail;               // the receiver's answer or the error
  std::optional<Instant> retry_at;  // unset on failure: no more attempts (dead letter)
  // With a dead letter: the same message by the recipient's backup channel (C4), queued in the
  // same transaction.
  std::optional<OutboxMessage> fallback;
};

}  // namespace pactum::store
