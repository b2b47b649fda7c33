// The transactional outbox: messages are written in the same transaction as the events that call
// for them, so a message is queued exactly when its event is recorded, and a crash in between
// loses neither. A delivery worker takes what is due, and every attempt is recorded.
#pragma once

#include <optional>
#include <string>

#include "domain/outbox_message.hpp"
#include "domain/time.hpp"

namespace pactum::store {

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
