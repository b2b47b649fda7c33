#include "engine/delivery.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "base/this_thread.hpp"
#include "engine/notice_messages.hpp"
#include "engine/streams.hpp"
#include "obs/log.hpp"

namespace pactum::engine {

std::chrono::milliseconds retry_delay(int attempt, double jitter) {
  double base = 5000.0 * std::pow(2.0, std::min(attempt - 1, 20));
  base = std::min(base, 30.0 * 60 * 1000);
  return std::chrono::milliseconds(static_cast<std::int64_t>(base * (0.8 + 0.4 * jitter)));
}

std::optional<OutboxMessage> by_backup_channel(const Plan& plan, const OutboxMessage& m,
                                               Instant now) {
  const Contact* c = plan.find_contact(m.recipient);
  if (!c || c->backup_channel.empty() || c->backup_channel == m.channel) return std::nullopt;
  if (m.id.size() > 2 && m.id.compare(m.id.size() - 2, 2, "-b") == 0) return std::nullopt;  // once
  OutboxMessage b = m;
  b.id = m.id + "-b";
  address(plan, *c, c->backup_channel, b);
  b.attempts = 0;
  b.state = "pending";
  b.last_error.clear();
  b.created_at = now;
  b.next_attempt_at = now;
  return b;
}

DeliveryWorker::DeliveryWorker(store::Outbox& outbox, notify::Channels& channels, Engine& engine,
                               const Clock& clock)
    : outbox_(outbox), channels_(channels), engine_(engine), clock_(clock) {}

DeliveryWorker::~DeliveryWorker() { stop(); }

void DeliveryWorker::start() {
  // Events may queue messages in their transaction; alert records never do (and come in floods).
  listener_ = engine_.subscribe([this](const store::RecordedEvent& e) {
    if (e.stream != kAlertStream) wake();
  });
  thread_ = base::start_thread("delivery", [this] { run(); });
}

void DeliveryWorker::stop() {
  if (!waker_.stop()) return;
  if (thread_.joinable()) thread_.join();
  if (listener_) engine_.unsubscribe(listener_);
}

int DeliveryWorker::run_once() {
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  std::optional<store::Fence> fence;
  if (lease_ && !(fence = lease_())) return 0;  // another node delivers
  auto plan = engine_.plan();
  int max_attempts = plan ? plan->plan.notifications.max_attempts : 8;
  auto due = outbox_.due_messages(clock_.now(), kRound);
  if (!due) return 0;
  std::vector<store::DeliveryAttempt> attempts;
  int recorded = 0;
  // Attempts are recorded a few at a time, in one transaction each: one transaction per message
  // competed with the log's writer for SQLite's write lock and cut incident reports to a tenth;
  // a crash re-sends at most the unrecorded few (delivery is at least once).
  bool fenced = false;  // the lease went to another node: stop
  auto record = [&] {
    if (attempts.empty()) return;
    Status all = outbox_.record_attempts(attempts, fence);
    if (all.ok()) {
      recorded += static_cast<int>(attempts.size());
    } else if (store::is_fenced(all.error())) {
      // Paused past the lease while sending: the new holder sends these again (at least once).
      obs::log(obs::Level::warn, "delivery attempts not recorded: another node holds the lease",
               {{"attempts", attempts.size()}, {"error", all.error().message}});
      fenced = true;
    } else {
      for (const auto& a : attempts)
        recorded += outbox_.record_attempts({a}, fence).ok() ? 1 : 0;  // keep what can be kept
    }
    attempts.clear();
  };
  for (const auto& m : *due) {
    if (lease_) {
      auto still = lease_();
      if (!still || still->token != fence->token) fenced = true;
    }
    if (fenced) break;
    std::shared_ptr<notify::Channel> channel = channels_.for_message(m);
    notify::Delivery d =
        channel ? channel->deliver(m)
                : notify::Delivery{false, true, "no " + m.channel + " channel is configured"};
    Instant now = clock_.now();
    store::DeliveryAttempt a{m.id, now, d.ok, d.detail, std::nullopt};
    if (!d.ok && !d.permanent && m.attempts + 1 < max_attempts)
      a.retry_at = now + retry_delay(m.attempts + 1, jitter(rng));
    if (!d.ok && !a.retry_at && plan) a.fallback = by_backup_channel(plan->plan, m, now);
    attempts.push_back(std::move(a));
    if (attempts.size() == kPerTransaction) record();
  }
  record();
  return recorded;
}

void DeliveryWorker::run() {
  while (true) {
    int attempted = run_once();
    // A full round recorded: more may be due at once. Otherwise (or when recording failed, which
    // leaves the messages due) look again within a second.
    bool running =
        attempted < kRound ? waker_.sleep_for(std::chrono::seconds(1)) : !waker_.stopping();
    if (!running) return;
  }
}

}  // namespace pactum::engine
