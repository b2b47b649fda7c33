#include "store/memory/memory_event_log.hpp"

#include <algorithm>
#include <utility>

#include "store/record.hpp"

namespace pactum::store {

void MemoryEventLog::append(AppendRequest request, Completion done) {
  // Preparing and appending are one step: requests are written in the order they were prepared.
  // (Not under mutex_: a producer's prepare takes its own lock, which it may hold while reading.)
  std::unique_lock appending(append_mutex_);
  if (request.prepare) std::exchange(request.prepare, nullptr)(request);
  Result<AppendResult> result = [&]() -> Result<AppendResult> {
    std::lock_guard lock(mutex_);
    ++appends_;  // each its own "transaction"
    if (!request.idempotency_key.empty()) {
      if (auto it = idempotency_.find(request.idempotency_key); it != idempotency_.end()) {
        auto [first, count] = it->second;
        AppendResult r{{}, true};
        r.events.assign(events_.begin() + first - 1, events_.begin() + first - 1 + count);
        return r;
      }
    }
    ChainHead head{static_cast<std::int64_t>(events_.size()),
                   events_.empty() ? std::string() : events_.back().hash};
    auto records = build_records(request, head, versions_[request.stream]);
    if (!records) return records.error();
    for (const auto& e : *records) events_.push_back(e);
    for (const auto& m : request.outbox) {
      bool exists =
          std::any_of(outbox_.begin(), outbox_.end(), [&](const auto& x) { return x.id == m.id; });
      if (!exists) outbox_.push_back(m);
    }
    versions_[request.stream] = records->back().version;
    if (!request.idempotency_key.empty()) {
      idempotency_[request.idempotency_key] = {records->front().seq,
                                               static_cast<std::int64_t>(records->size())};
    }
    return AppendResult{std::move(*records), false};
  }();
  appending.unlock();
  if (request.complete_on) {
    request.complete_on([done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  } else {
    done(std::move(result));
  }
}

Result<std::vector<RecordedEvent>> MemoryEventLog::read(std::int64_t after_seq, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<RecordedEvent> out;
  for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(after_seq, 0));
       i < events_.size() && out.size() < limit; ++i) {
    out.push_back(events_[i]);
  }
  return out;
}

Result<std::vector<RecordedEvent>> MemoryEventLog::read_stream(const std::string& stream) {
  std::lock_guard lock(mutex_);
  std::vector<RecordedEvent> out;
  for (const auto& e : events_) {
    if (e.stream == stream) out.push_back(e);
  }
  return out;
}

Status MemoryEventLog::scan(std::int64_t after_seq,
                            const std::function<bool(const RecordView&)>& visit) {
  return visit_where(after_seq, "", visit);
}

Status MemoryEventLog::scan_stream(const std::string& stream,
                                   const std::function<bool(const RecordView&)>& visit) {
  return visit_where(0, stream, visit);
}

Status MemoryEventLog::visit_where(std::int64_t after_seq, const std::string& stream,
                                   const std::function<bool(const RecordView&)>& visit) {
  std::lock_guard lock(mutex_);
  for (auto i = static_cast<std::size_t>(std::max<std::int64_t>(after_seq, 0)); i < events_.size();
       ++i) {
    const auto& e = events_[i];
    if (!stream.empty() && e.stream != stream) continue;
    std::string at = format_instant(e.at);
    RecordView v{e.seq, e.stream,  e.version,         e.type,      e.actor,
                 at,    e.payload, e.idempotency_key, e.prev_hash, e.hash};
    if (!visit(v)) break;
  }
  return {};
}

Result<std::vector<OutboxMessage>> MemoryEventLog::due_messages(Instant now, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<OutboxMessage> out;
  for (const auto& m : outbox_) {
    if (m.state == "pending" && m.next_attempt_at <= now && out.size() < limit) out.push_back(m);
  }
  return out;
}

WriteStats MemoryEventLog::write_stats() const {
  std::lock_guard lock(mutex_);
  return {appends_, appends_, 0};
}

Status MemoryEventLog::record_attempts(const std::vector<DeliveryAttempt>& attempts,
                                       const std::optional<Fence>&) {
  std::lock_guard lock(mutex_);
  auto find = [this](const std::string& id) {
    return std::find_if(outbox_.begin(), outbox_.end(), [&](const auto& m) { return m.id == id; });
  };
  for (const auto& a : attempts) {  // all or none
    if (find(a.message_id) == outbox_.end())
      return Error{ErrorCode::not_found, "no message " + a.message_id, {}};
  }
  for (const auto& a : attempts) record_locked(a, find(a.message_id));
  return {};
}

void MemoryEventLog::record_locked(const DeliveryAttempt& a,
                                   std::vector<OutboxMessage>::iterator it) {
  ++it->attempts;
  if (a.ok) {
    it->state = "delivered";
    it->delivered_at = a.at;
  } else if (a.retry_at) {
    it->next_attempt_at = *a.retry_at;
  } else {
    it->state = "dead";
  }
  if (!a.ok) it->last_error = a.detail;
  attempts_.push_back(a);
  if (a.fallback && std::none_of(outbox_.begin(), outbox_.end(),
                                 [&](const auto& m) { return m.id == a.fallback->id; })) {
    outbox_.push_back(*a.fallback);  // after `it` is last used: this may move the messages
  }
}

Result<std::map<std::string, std::int64_t>> MemoryEventLog::message_counts() {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::int64_t> out{{"pending", 0}, {"delivered", 0}, {"dead", 0}};
  for (const auto& m : outbox_) ++out[m.state];
  return out;
}

Result<std::vector<OutboxMessage>> MemoryEventLog::messages_of(const std::string& incident) {
  std::lock_guard lock(mutex_);
  std::vector<OutboxMessage> out;
  for (const auto& m : outbox_) {
    if (m.incident == incident) out.push_back(m);
  }
  return out;
}

Result<std::vector<OutboxMessage>> MemoryEventLog::messages_to(const std::string& recipient,
                                                               std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<OutboxMessage> out;
  for (const auto& m : outbox_) {
    if (m.recipient == recipient) out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const OutboxMessage& a, const OutboxMessage& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::optional<OutboxMessage>> MemoryEventLog::message(const std::string& id) {
  std::lock_guard lock(mutex_);
  for (const auto& m : outbox_) {
    if (m.id == id) return std::optional<OutboxMessage>{m};
  }
  return std::optional<OutboxMessage>{};
}

Result<std::vector<DeliveryAttempt>> MemoryEventLog::attempts_of(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  std::vector<DeliveryAttempt> out;
  for (const auto& a : attempts_) {
    if (a.message_id == message_id) out.push_back(a);
  }
  return out;
}

Result<ChainHead> MemoryEventLog::head() {
  std::lock_guard lock(mutex_);
  if (events_.empty()) return ChainHead{};
  return ChainHead{events_.back().seq, events_.back().hash};
}

Result<std::optional<ChainHead>> MemoryEventLog::verified_head() {
  std::lock_guard lock(mutex_);
  return verified_head_;
}

Status MemoryEventLog::set_verified_head(const ChainHead& head) {
  std::lock_guard lock(mutex_);
  verified_head_ = head;
  return {};
}

}  // namespace pactum::store
