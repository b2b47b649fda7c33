#include "engine/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "base/this_thread.hpp"
#include "store/record.hpp"

namespace pactum::engine {
namespace {

// A record copied out of the log (views die with the row). Fields keep their capacity when the
// batch is reused, so steady-state copying allocates nothing.
struct OwnedRecord {
  std::int64_t seq = 0;
  std::int64_t version = 0;
  std::string stream, type, actor, at, payload, idempotency_key, prev_hash, hash;

  void assign(const store::RecordView& v) {
    seq = v.seq;
    version = v.version;
    stream.assign(v.stream);
    type.assign(v.type);
    actor.assign(v.actor);
    at.assign(v.at);
    payload.assign(v.payload);
    idempotency_key.assign(v.idempotency_key);
    prev_hash.assign(v.prev_hash);
    hash.assign(v.hash);
  }
  store::RecordView view() const {
    return {seq, stream, version, type, actor, at, payload, idempotency_key, prev_hash, hash};
  }
};

// Reading the log and hashing it run on two threads: the reader fills a batch while the verifier
// checks the previous one. The verification itself stays one sequential chain walk.
class Pipeline {
 public:
  static constexpr std::size_t kBatch = 4096;

  Pipeline(const std::function<void(std::int64_t)>& progress, const store::ChainHead& from)
      : progress_(progress), verifier_(from) {
    batches_[0].resize(kBatch);
    batches_[1].resize(kBatch);
    worker_ = base::start_thread("audit-verify", [this] { verify(); });
  }

  // Called by the reader for each row; false once the verifier has found a failure.
  bool push(const store::RecordView& v) {
    if (failed_) return false;
    auto& batch = batches_[filling_];
    batch[count_].assign(v);
    if (++count_ == kBatch) hand_over();
    return true;
  }

  AuditReport finish() {
    hand_over();
    {
      std::unique_lock lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    worker_.join();
    AuditReport report;
    report.events = verifier_.checked();
    report.bytes = verifier_.bytes();
    report.head_hash = verifier_.head_hash();
    report.failure = verifier_.failure();
    return report;
  }

 private:
  void hand_over() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return !ready_; });  // the verifier has taken the previous batch
    ready_ = true;
    ready_count_ = count_;
    ready_index_ = filling_;
    filling_ ^= 1;
    count_ = 0;
    cv_.notify_all();
  }

  void verify() {
    while (true) {
      std::size_t index, n;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return ready_ || done_; });
        if (!ready_) return;
        index = ready_index_;
        n = ready_count_;
      }
      for (std::size_t i = 0; i < n && !failed_; ++i) {
        if (!verifier_.next(batches_[index][i].view())) failed_ = true;
      }
      if (progress_) progress_(verifier_.checked());
      {
        std::unique_lock lock(mutex_);
        ready_ = false;
      }
      cv_.notify_all();
    }
  }

  const std::function<void(std::int64_t)>& progress_;
  std::vector<OwnedRecord> batches_[2];
  std::size_t filling_ = 0, count_ = 0;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool ready_ = false, done_ = false;
  std::size_t ready_index_ = 0, ready_count_ = 0;
  std::atomic<bool> failed_{false};
  store::ChainVerifier verifier_;
  std::thread worker_;
};

}  // namespace

AuditReport verify_log(store::EventSource& log, const std::function<void(std::int64_t)>& progress,
                       const store::ChainHead& from) {
  Pipeline pipeline(progress, from);
  // From a verified head, the scan starts at that head's own event, to check it is still there.
  std::optional<std::string> cut;
  bool at_head = from.seq == 0;
  auto error = log.scan(std::max<std::int64_t>(0, from.seq - 1), [&](const store::RecordView& e) {
    if (at_head) return pipeline.push(e);
    at_head = true;
    if (e.seq != from.seq || e.hash != from.hash) {
      cut = fmt::format(
          "event {} is not the one verified before (hash {}): the log has been "
          "altered or cut back",
          from.seq, from.hash);
      return false;
    }
    return true;
  });
  AuditReport report = pipeline.finish();
  if (!at_head && error.ok()) {
    auto head = log.head();
    cut = fmt::format(
        "the log ends at event {}, but event {} was verified before: events have "
        "been removed",
        head ? head->seq : 0, from.seq);
  }
  if (cut && !report.failure) report.failure = std::move(cut);
  if (!error.ok() && !report.failure) {
    report.failure = "cannot read the log: " + error.error().message;
  }
  return report;
}

Result<AuditReport> verify_since_last_start(store::EventLog& log) {
  auto from = log.verified_head();
  if (!from) return from.error();
  auto report = verify_log(log, nullptr, from->value_or(store::ChainHead{}));
  if (!report.intact()) {
    return Error{
        ErrorCode::failed_precondition, "the evidence chain is broken: " + *report.failure, {}};
  }
  store::ChainHead verified{from->value_or(store::ChainHead{}).seq + report.events,
                            report.head_hash};
  if (Status e = log.set_verified_head(verified); !e.ok()) return e.error();
  return report;
}

}  // namespace pactum::engine
