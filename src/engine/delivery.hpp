// The delivery worker: takes the outbox's due messages, hands each to its channel, and records
// every attempt. A failure is retried with exponential backoff and jitter (5 s, 10 s, 20 s … up
// to 30 min) until the plan's max_attempts, then the message is dead-lettered (kept, visible per
// incident). Messages carry their id as an idempotency key, so a receiver that honours it shows a
// message once even when a crash made us send it twice.
//
// Several nodes: only the lease holder delivers. A message recorded as delivered is never due
// again, on any node. A message sent but not yet recorded when its node died (kill -9, at most
// kPerTransaction of them) is sent again by the next holder: at least once, as above. A node
// paused (not killed) between sending and recording cannot record afterwards (the fence), so the
// next holder sends that message again too.
#pragma once

#include <thread>

#include "domain/clock.hpp"
#include "engine/engine.hpp"
#include "engine/waker.hpp"
#include "notify/config.hpp"
#include "store/outbox.hpp"

namespace pactum::engine {

class DeliveryWorker {
 public:
  DeliveryWorker(store::Outbox& outbox, notify::Channels& channels, Engine& engine,
                 const Clock& clock);
  ~DeliveryWorker();
  // Several nodes (engine/leadership.hpp): delivers only while `lease` gives a fence, checked
  // again before each message (a node paused past its lease sends nothing more when it wakes),
  // and records the attempts under it. Set before start().
  void only_while(std::function<std::optional<store::Fence>()> lease) { lease_ = std::move(lease); }
  void start();
  void stop();
  void wake() { waker_.wake(); }
  // One pass over what is due now; returns the number of attempts made and recorded.
  int run_once();
  static constexpr int kRound = 32;                  // messages looked at per round
  static constexpr std::size_t kPerTransaction = 8;  // attempts recorded together

 private:
  void run();
  store::Outbox& outbox_;
  notify::Channels& channels_;
  Engine& engine_;
  const Clock& clock_;
  std::function<std::optional<store::Fence>()> lease_;
  Waker waker_;
  std::uint64_t listener_ = 0;
  std::thread thread_;
};

// C4: a dead-lettered message again, by the recipient's backup channel (once); nullopt if none.
std::optional<OutboxMessage> by_backup_channel(const Plan& plan, const OutboxMessage& m,
                                               Instant now);

// The delay before retry number `attempt` (1-based), with ±20 % jitter from `jitter` in [0, 1).
std::chrono::milliseconds retry_delay(int attempt, double jitter);

}  // namespace pactum::engine
