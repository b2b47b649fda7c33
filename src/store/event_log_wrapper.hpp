// An EventLog that passes every call to another one (leveldb's EnvWrapper): a test overrides only
// the calls it changes — appends that wait, appends that fail — and keeps the rest real.
#pragma once

#include "store/event_log.hpp"

namespace pactum::store {

class EventLogWrapper : public EventLog {
 public:
  explicit EventLogWrapper(EventLog& target) : target_(target) {}
  EventLog& target() { return target_; }

  void append(AppendRequest request, Completion done) override {
    target_.append(std::move(request), std::move(done));
  }
  Result<std::vector<RecordedEvent>> read(std::int64_t after_seq, std::size_t limit) override {
    return target_.read(after_seq, limit);
  }
  Result<std::vector<RecordedEvent>> read_stream(const std::string& stream) override {
    return target_.read_stream(stream);
  }
  Result<ChainHead> head() override { return target_.head(); }
  Result<std::optional<ChainHead>> verified_head() override { return target_.verified_head(); }
  std::optional<Error> set_verified_head(const ChainHead& head) override {
    return target_.set_verified_head(head);
  }
  Result<std::vector<OutboxMessage>> due_messages(Instant now, std::size_t limit) override {
    return target_.due_messages(now, limit);
  }
  std::optional<Error> record_attempts(const std::vector<DeliveryAttempt>& attempts) override {
    return target_.record_attempts(attempts);
  }
  Result<std::vector<OutboxMessage>> messages_of(const std::string& incident) override {
    return target_.messages_of(incident);
  }
  Result<std::vector<OutboxMessage>> messages_to(const std::string& recipient,
                                                 std::size_t limit) override {
    return target_.messages_to(recipient, limit);
  }
  Result<std::optional<OutboxMessage>> message(const std::string& id) override {
    return target_.message(id);
  }
  Result<std::vector<DeliveryAttempt>> attempts_of(const std::string& message_id) override {
    return target_.attempts_of(message_id);
  }
  Result<std::map<std::string, std::int64_t>> message_counts() override {
    return target_.message_counts();
  }
  WriteStats write_stats() const override { return target_.write_stats(); }
  std::optional<Error> scan(std::int64_t after_seq,
                            const std::function<bool(const RecordView&)>& visit) override {
    return target_.scan(after_seq, visit);
  }
  std::optional<Error> scan_stream(const std::string& stream,
                                   const std::function<bool(const RecordView&)>& visit) override {
    return target_.scan_stream(stream, visit);
  }

 private:
  EventLog& target_;
};

}  // namespace pactum::store
