#include "engine/snapshots.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "base/this_thread.hpp"
#include "domain/digest.hpp"
#include "engine/image_bytes.hpp"
#include "obs/log.hpp"

namespace pactum::engine {
namespace {

constexpr std::string_view kMagic = "pactum-snapshot\n";
constexpr std::size_t kHeader = kMagic.size() + 8;  // the magic, the format
constexpr std::size_t kTrailer = 8 + 64 + 64;       // seq, chain hash, SHA-256 (hex)

Error unusable(std::string why) {
  return Error{ErrorCode::failed_precondition, std::move(why), {}};
}

std::int64_t ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace

Snapshots::Snapshots(Engine& engine, Transparency& transparency, store::EventLog& log,
                     store::SnapshotFiles files, std::int64_t every)
    : engine_(engine),
      transparency_(transparency),
      log_(log),
      files_(std::move(files)),
      every_(every) {}

Snapshots::~Snapshots() {
  if (thread_.joinable()) stop();
}

std::int64_t Snapshots::restore() {
  if (every_ <= 0) return 0;
  auto started = std::chrono::steady_clock::now();
  auto seqs = files_.seqs();
  for (std::int64_t seq : seqs) {
    auto restored = restore_from(seq);
    if (restored) {
      last_ = *restored;
      obs::log(obs::Level::info, "read model restored from a snapshot",
               {{"file", files_.path(seq)}, {"events", *restored}, {"ms", ms_since(started)}});
      return *restored;
    }
    obs::log(obs::Level::warn, "snapshot not used: replaying the log instead",
             {{"file", files_.path(seq)}, {"why", restored.error().message}});
  }
  if (seqs.empty()) {
    obs::log(obs::Level::info, "no snapshot: replaying the whole log", {{"dir", files_.dir()}});
  }
  return 0;
}

Result<std::int64_t> Snapshots::restore_from(std::int64_t seq) {
  auto file = files_.read(seq);
  if (!file) return unusable(file.error().message);
  std::string_view all = (*file)->bytes();
  if (all.size() < kHeader + kTrailer || all.substr(0, kMagic.size()) != kMagic) {
    return unusable("not a snapshot of this kind (another format, or cut short)");
  }
  image::Reader header(all.substr(kMagic.size(), 8));
  if (std::uint64_t format = header.u64(); format != kSnapshotFormat) {
    return unusable(fmt::format("snapshot format {}; this version of Pactum reads format {}",
                                format, kSnapshotFormat));
  }
  std::string_view trailer = all.substr(all.size() - kTrailer);
  image::Reader trailer_seq(trailer.substr(0, 8));
  std::string_view chain_hash = trailer.substr(8, 64);
  std::string_view digest = trailer.substr(8 + 64);
  if (trailer_seq.i64() != seq) return unusable("damaged: its seq is not the one in its name");
  // Against the chain first: cheap, and the reason a snapshot is most often left behind.
  auto at = log_.read(seq - 1, 1);
  if (!at) return unusable("the log cannot be read: " + at.error().message);
  if (at->empty() || at->front().seq != seq) {
    return unusable(fmt::format("stale: taken after event {}, the log is shorter", seq));
  }
  if (at->front().hash != chain_hash) {
    return unusable(fmt::format(
        "stale: event {} of the log is not the event it was taken after (another log, or one "
        "restored from a backup)",
        seq));
  }
  // Hashed on another core while the image is read: nothing is replaced until both agree.
  auto hashed =
      std::async(std::launch::async, [all] { return sha256_hex(all.substr(0, all.size() - 64)); });
  auto intact = [&hashed, digest]() -> Status {
    if (hashed.get() != digest) return unusable("damaged: its bytes no longer hash to its digest");
    return {};
  };
  image::Reader body(all.substr(kHeader, all.size() - kHeader - kTrailer));
  auto tree = Transparency::read_image(body);
  image::Reader peek = body;
  if (!tree || static_cast<std::int64_t>(tree->size()) != seq || peek.i64() != seq) {
    Status e = intact();  // a damaged file says so first
    return unusable(e.ok() ? "damaged: its parts are not all at its seq" : e.error().message);
  }
  // (A return before `intact` waits for the hash all the same: the future's destructor does,
  // before the mapping it reads goes.)
  if (Status e = engine_.read_image(body, intact); !e.ok()) return unusable(e.error().message);
  if (Status e = transparency_.restore(std::move(*tree)); !e.ok()) return e.error();
  last_bytes_ = all.size();
  return seq;
}

Status Snapshots::take() {
  if (engine_.applied_seq() <= last_) return {};  // nothing new (checked again below)
  auto started = std::chrono::steady_clock::now();
  // Room for what the last one took, and some: the read model only grows.
  image::Writer out(last_bytes_ + last_bytes_ / 8);
  out.raw(kMagic);
  out.u64(kSnapshotFormat);
  std::uint64_t tree_size = 0;
  auto seq = engine_.write_image(out, [&](image::Writer& w) {
    tree_size = transparency_.size();
    transparency_.write_image(w);
  });
  if (!seq || *seq <= last_ || static_cast<std::int64_t>(tree_size) != *seq) return {};
  std::int64_t copied_ms = ms_since(started);
  auto at = log_.read(*seq - 1, 1);
  if (!at) return at.error();
  if (at->empty() || at->front().hash.size() != 64) {
    return Error{ErrorCode::internal, fmt::format("event {} was applied but not read", *seq), {}};
  }
  out.i64(*seq);
  out.raw(at->front().hash);
  std::string bytes = out.take();
  bytes += sha256_hex(bytes);
  if (Status e = files_.write(*seq, bytes); !e.ok()) return e;
  last_ = *seq;
  last_bytes_ = bytes.size();
  obs::log(obs::Level::info, "snapshot taken",
           {{"file", files_.path(*seq)},
            {"events", *seq},
            {"bytes", bytes.size()},
            {"copy_ms", copied_ms},
            {"ms", ms_since(started)}});
  return {};
}

void Snapshots::start() {
  if (every_ <= 0) return;
  listener_ = engine_.subscribe([this](const store::RecordedEvent& e) {
    if (e.seq - last_ < every_) return;
    std::lock_guard lock(mutex_);
    due_ = true;
    wake_.notify_one();
  });
  due_ = engine_.applied_seq() - last_ >= every_;  // a long replay at start: one at once
  thread_ = base::start_thread("snapshots", [this] {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
      lock.unlock();
      if (Status e = take(); !e.ok()) {
        obs::log(obs::Level::warn, "snapshot not taken", {{"error", e.error().message}});
      }
      lock.lock();
    }
  });
}

void Snapshots::stop() {
  if (every_ <= 0) return;
  if (listener_ != 0) engine_.unsubscribe(listener_);
  listener_ = 0;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  // Not for a handful of events: replaying them takes milliseconds, writing the file longer.
  constexpr std::int64_t kWorthTaking = 1000;
  if (engine_.applied_seq() - last_ < std::min(every_, kWorthTaking)) return;
  if (Status e = take(); !e.ok()) {
    obs::log(obs::Level::warn, "snapshot not taken", {{"error", e.error().message}});
  }
}

}  // namespace pactum::engine
