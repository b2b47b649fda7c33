// Issues the transparency log's checkpoints on a thread of its own: within `interval` of new
// events, and at once when an event that parties will want to prove comes in (an incident
// closed, a plan activated) — so a witness can cosign a head that includes it without waiting.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

#include "engine/engine.hpp"
#include "engine/transparency.hpp"
#include "engine/waker.hpp"

namespace pactum::engine {

class CheckpointIssuer {
 public:
  // `failed` hears of a checkpoint that could not be issued (a full disk) or time-stamped; the
  // next round tries again.
  CheckpointIssuer(Engine& engine, Transparency& transparency, std::chrono::milliseconds interval,
                   std::function<void(const Error&)> failed);
  // An RFC 3161 time-stamp for each new checkpoint: `stamp(text)` returns the token of the
  // checkpoint's signed text (tsa::stamp). Set before start().
  using Stamp = std::function<Result<std::string>(std::string_view)>;
  void time_stamp_with(Stamp stamp) { stamp_ = std::move(stamp); }
  ~CheckpointIssuer();  // stops and joins
  void start();
  void stop();

 private:
  void run();

  Engine& engine_;
  Transparency& transparency_;
  std::chrono::milliseconds interval_;
  std::function<void(const Error&)> failed_;
  Stamp stamp_;
  Waker waker_;
  std::uint64_t listener_ = 0;
  std::thread thread_;
};

// Events after which a checkpoint is issued at once.
bool checkpoint_at_once(const store::RecordedEvent& e);

}  // namespace pactum::engine
