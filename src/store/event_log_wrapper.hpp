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
  Status set_verified_head(const ChainHead& head) override {
    return target_.set_verified_head(head);
  }
  Outbox& outbox() override { return target_.outbox(); }
  WriteStats write_stats() const override { return target_.write_stats(); }
  Status scan(std::int64_t after_seq,
              const std::function<bool(const RecordView&)>& visit) override {
    return target_.scan(after_seq, visit);
  }
  Status scan_stream(const std::string& stream,
                     const std::function<bool(const RecordView&)>& visit) override {
    return target_.scan_stream(stream, visit);
  }

 private:
  EventLog& target_;
};

}  // namespace pactum::store
