// Read-model snapshots, for fast restarts (docs/operations.md, "Snapshots"). Replaying a log of
// 1M events into the read model takes seconds; a snapshot is the read model as it stood at a seq
// — the engine's (the plan in force, every incident's state and timeline, the requests recorded
// by idempotency key) and the transparency tree — so that a start reads it and replays only the
// events after. The other read models (governance, silences, programme, fund, calendar feeds,
// alerts, expiry) read their own streams through the stream index at every start, as before.
//
// Never trusted over the chain: a snapshot is used only if the log's event at its seq still has
// the chain hash it was taken after (the chain makes that cover every event before it), its
// format is the one this binary writes, and its bytes hash to the digest it carries. Otherwise
// the next older one is tried, then the whole log is replayed; each refusal is logged with why.
//
// The file: "pactum-snapshot\n", the format (8 bytes), the body — the tree
// (Transparency::write_image), then the engine's part (Engine::write_image) — and a trailer: the
// seq (8 bytes), the chain hash of event seq (64 hex digits) and the SHA-256 of all before it (64
// hex digits).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/engine.hpp"
#include "engine/transparency.hpp"
#include "store/event_log.hpp"
#include "store/snapshot_files.hpp"

namespace pactum::engine {

// Raised whenever what a snapshot holds, or how, changes (state_image.cpp says when): an older
// binary's snapshots are then refused as foreign, and the log replayed.
inline constexpr std::uint64_t kSnapshotFormat = 1;

class Snapshots {
 public:
  // `every`: a snapshot after this many events applied since the last one; 0 takes none and
  // reads none (every start replays the whole log).
  Snapshots(Engine& engine, Transparency& transparency, store::EventLog& log,
            store::SnapshotFiles files, std::int64_t every);
  ~Snapshots();

  // Before engine.load(): restores the newest usable snapshot; its seq, 0 when none was (the
  // whole log is replayed). Logs which one it used, or why each was not.
  std::int64_t restore();
  // Restores the snapshot stored at `seq`; failed_precondition saying why it cannot be used
  // (stale, another format, damaged), and then nothing was restored.
  Result<std::int64_t> restore_from(std::int64_t seq);
  // Takes and stores a snapshot now, unless nothing was applied since the last one stored or
  // restored (or events wait for a gap). Holds up applying events while the read model is
  // copied into it (about 0.3 µs per event of the log, measured in bench/README.md).
  Status take();

  // After the start: takes one on a thread of its own each time `every` events more have been
  // applied (at once if the start replayed that many). stop() ends the thread and takes a last
  // one, so that the next start replays nothing — if at least 1000 events (or `every`, if fewer)
  // were applied since the last.
  void start();
  void stop();

 private:
  Engine& engine_;
  Transparency& transparency_;
  store::EventLog& log_;
  store::SnapshotFiles files_;
  const std::int64_t every_;

  std::atomic<std::int64_t> last_{0};  // the seq of the last snapshot stored or restored
  std::size_t last_bytes_ = 0;         // its size (take() and restore() only: not concurrent)
  std::uint64_t listener_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pactum::engine
