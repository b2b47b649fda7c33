// The transactional outbox: messages are written in the same transaction as the events that call
// for them, so a message is queued exactly when its event is recorded, and a crash in between
// loses neither. A delivery worker takes what is due, and every attempt is recorded.
//
// Messages are queued only by the event log's appends (AppendRequest::outbox), so a backend of
// the log is a backend of its outbox too (EventLog::outbox(); one class may implement both).
// Code that only reads the outbox or records attempts (the delivery worker, the message routes,
// /metrics) takes an Outbox&. The conformance suite (event_log_conformance_test.cpp) holds every
// backend to this contract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/outbox_message.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"
#include "store/lease.hpp"

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

class Outbox {
 public:
  virtual ~Outbox() = default;

  // Messages due at `now` (pending, next_attempt_at <= now), oldest first.
  virtual Result<std::vector<OutboxMessage>> due_messages(Instant now, std::size_t limit) = 0;
  // Records attempts, all or none: each delivered (ok), retried later (retry_at), or dead
  // (neither). One transaction for a worker's whole round: each is a write beside the log's.
  // With a fence, only while the lease still has its token (AppendRequest::fence).
  virtual Status record_attempts(const std::vector<DeliveryAttempt>& attempts,
                                 const std::optional<Fence>& fence) = 0;
  Status record_attempts(const std::vector<DeliveryAttempt>& attempts) {
    return record_attempts(attempts, std::nullopt);
  }
  Status record_attempt(const DeliveryAttempt& attempt) { return record_attempts({attempt}); }
  virtual Result<std::vector<OutboxMessage>> messages_of(const std::string& incident) = 0;
  // The messages to one recipient (a plan contact id, or an address for M1's), newest first, at
  // most `limit`: a person's mailbox (serve --mailbox). Not indexed: demos and trials only.
  virtual Result<std::vector<OutboxMessage>> messages_to(const std::string& recipient,
                                                         std::size_t limit) = 0;
  virtual Result<std::optional<OutboxMessage>> message(const std::string& id) = 0;
  virtual Result<std::vector<DeliveryAttempt>> attempts_of(const std::string& message_id) = 0;
  // How many messages are pending, delivered and dead (for /metrics).
  virtual Result<std::map<std::string, std::int64_t>> message_counts() = 0;
};

}  // namespace pactum::store
