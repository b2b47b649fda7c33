// The event log in memory: for tests, and the reference the conformance suite holds every other
// backend to. Appends complete synchronously, inside append().
#pragma once

#include <map>
#include <mutex>

#include "store/event_log.hpp"

namespace pactum::store {

class MemoryEventLog final : public EventLog, public Outbox {
 public:
  void append(AppendRequest request, Completion done) override;
  Result<std::vector<RecordedEvent>> read(std::int64_t after_seq, std::size_t limit) override;
  Result<std::vector<RecordedEvent>> read_stream(const std::string& stream) override;
  Result<ChainHead> head() override;
  Result<std::optional<ChainHead>> verified_head() override;
  Status set_verified_head(const ChainHead& head) override;
  WriteStats write_stats() const override;

  Status scan(std::int64_t after_seq, const std::function<bool(const RecordView&)>& visit) override;
  Status scan_stream(const std::string& stream,
                     const std::function<bool(const RecordView&)>& visit) override;

  // The outbox (store/outbox.hpp).
  Outbox& outbox() override { return *this; }
  Result<std::vector<OutboxMessage>> due_messages(Instant now, std::size_t limit) override;
  using Outbox::record_attempts;
  // One node only: no leases, the fence is not checked (store/lease.hpp).
  Status record_attempts(const std::vector<DeliveryAttempt>& attempts,
                         const std::optional<Fence>& fence) override;
  Result<std::vector<OutboxMessage>> messages_of(const std::string& incident) override;
  Result<std::vector<OutboxMessage>> messages_to(const std::string& recipient,
                                                 std::size_t limit) override;
  Result<std::optional<OutboxMessage>> message(const std::string& id) override;
  Result<std::vector<DeliveryAttempt>> attempts_of(const std::string& message_id) override;
  Result<std::map<std::string, std::int64_t>> message_counts() override;

 private:
  // Every event after `after_seq`, or of `stream` when it is not empty.
  Status visit_where(std::int64_t after_seq, const std::string& stream,
                     const std::function<bool(const RecordView&)>& visit);
  void record_locked(const DeliveryAttempt& a, std::vector<OutboxMessage>::iterator message);
  mutable std::mutex mutex_;
  std::mutex append_mutex_;  // held from a request's prepare to its append
  std::int64_t appends_ = 0;
  std::vector<RecordedEvent> events_;
  std::map<std::string, std::int64_t> versions_;
  std::optional<ChainHead> verified_head_;
  std::vector<OutboxMessage> outbox_;
  std::vector<DeliveryAttempt> attempts_;
  // key → (seq of the request's first event, number of events)
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> idempotency_;
};

}  // namespace pactum::store
