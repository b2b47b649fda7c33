// The event log: the append-only, hash-chained source of truth. Every change (an incident
// reported, a level set, a plan activated …) is an event appended to a stream; all events form one
// chain in sequence order, each hash covering the previous one, so either party can verify the
// whole history without trusting the other.
//
// Contract, for every backend (the conformance suite in event_log_conformance_test.cpp checks it):
// - append is atomic: all events of a request are stored, or none;
// - expected_version is optimistic concurrency: the append fails with `conflict` unless the
//   stream's current version equals it (kAnyVersion skips the check);
// - an idempotency key names a request: a second request with a key already stored changes
//   nothing and returns the events stored the first time, with `duplicate` set;
// - the completion is called exactly once, after the events are durable (SQLite: fsynced);
// - a failed append (`conflict`, `unavailable` for a dead disk) leaves the log unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"
#include "store/lease.hpp"
#include "store/outbox.hpp"

namespace pactum::store {

inline constexpr std::int64_t kAnyVersion = -1;
inline constexpr std::int64_t kNoStream = 0;  // expected version of a stream that must not exist

struct NewEvent {
  std::string type;     // e.g. "incident.reported"
  std::string actor;    // canonical JSON of the actor
  Instant at;           // when it happened (the engine's clock)
  std::string payload;  // canonical JSON
};

// Runs the jobs it is handed, in order, on a thread of its choosing.
using Executor = std::function<void(std::function<void()>)>;

struct AppendRequest {
  std::string stream;  // e.g. "incident/INC-2026-0001", "plan"
  std::int64_t expected_version = kAnyVersion;
  std::vector<NewEvent> events;
  std::string idempotency_key;        // optional
  std::vector<OutboxMessage> outbox;  // queued in the same transaction (ignored if the id exists)
  // If set, called once just before the request is written (on the writer's thread, when its
  // transaction begins) to fill in `events`: a producer that queues one such request while
  // another is being written gets everything that arrived meanwhile into one append. It must
  // not append, nor wait for the log.
  std::function<void(AppendRequest&)> prepare;
  // If set, where the completion runs: the log hands it the job that calls `done`, instead of
  // running it on a thread of its own. The HTTP server's event loop is such an executor: the
  // alert intake's acknowledgements then reach their connections with one thread hop fewer per
  // commit. It must run every job it is handed, in order. Completions through different
  // executors keep their order only among themselves.
  Executor complete_on;
  // If set, the request is written only while the lease still has this token (store/lease.hpp),
  // checked in its transaction; otherwise it fails (is_fenced) and writes nothing. A backend
  // that serves one node only (SQLite, memory) has no leases and does not check.
  std::optional<Fence> fence;
};

struct RecordedEvent {
  std::int64_t seq = 0;  // position in the whole log, from 1, without gaps
  std::string stream;
  std::int64_t version = 0;  // position in its stream, from 1
  std::string type;
  std::string actor;
  Instant at;
  std::string payload;
  std::string idempotency_key;  // the request's key, on its first event only
  std::string prev_hash;
  std::string hash;
};

// A stored event seen in place (string views into the backend's memory, valid during one
// callback): what the audit streams through without copying.
struct RecordView {
  std::int64_t seq = 0;
  std::string_view stream;
  std::int64_t version = 0;
  std::string_view type;
  std::string_view actor;
  std::string_view at;  // as stored: RFC 3339 UTC with milliseconds
  std::string_view payload;
  std::string_view idempotency_key;
  std::string_view prev_hash;
  std::string_view hash;
};

struct AppendResult {
  std::vector<RecordedEvent> events;
  bool duplicate = false;  // the idempotency key was already stored: nothing was appended
};

struct ChainHead {
  std::int64_t seq = 0;  // 0 for an empty log
  std::string hash;      // the last event's hash, or the genesis hash
};

// How the log has written so far, for /metrics: group commit shows as requests > commits.
struct WriteStats {
  std::int64_t commits = 0;      // transactions
  std::int64_t requests = 0;     // appends in them
  std::int64_t checkpoints = 0;  // WAL checkpoints (0 for a log without a WAL)
};

// The log read in order: all that verifying the chain needs, and all that a copy of a data
// directory on read-only media offers.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual Result<ChainHead> head() = 0;
  // Calls `visit` for every event with seq > after_seq, in order, until it returns false.
  virtual Status scan(std::int64_t after_seq,
                      const std::function<bool(const RecordView&)>& visit) = 0;
};

class EventLog : public EventSource {
 public:
  using Completion = std::function<void(Result<AppendResult>)>;

  // Appends asynchronously; `done` runs exactly once, possibly on another thread (through
  // request.complete_on when set, unless the log refuses the request at once).
  virtual void append(AppendRequest request, Completion done) = 0;
  // Convenience: appends and waits.
  Result<AppendResult> append_and_wait(AppendRequest request);

  // Events with seq > after_seq, in order, at most `limit`.
  virtual Result<std::vector<RecordedEvent>> read(std::int64_t after_seq, std::size_t limit) = 0;
  virtual Result<std::vector<RecordedEvent>> read_stream(const std::string& stream) = 0;
  // The chain head that `serve` last found intact (nullopt before the first time): the next
  // start verifies from there rather than from the first event. Kept beside the log, not in it.
  virtual Result<std::optional<ChainHead>> verified_head() = 0;
  virtual Status set_verified_head(const ChainHead& head) = 0;
  // The outbox this log's appends queue messages into (AppendRequest::outbox), in their
  // transaction: the same object for SQLite and memory.
  virtual Outbox& outbox() = 0;

  virtual WriteStats write_stats() const = 0;

  // The events of one stream, in version order (read through its index).
  virtual Status scan_stream(const std::string& stream,
                             const std::function<bool(const RecordView&)>& visit) = 0;
};

}  // namespace pactum::store
