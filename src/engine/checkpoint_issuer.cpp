#include "engine/checkpoint_issuer.hpp"

#include "base/this_thread.hpp"

namespace pactum::engine {

bool checkpoint_at_once(const store::RecordedEvent& e) {
  return e.type == "incident.closed" || e.type == "plan.activated" ||
         e.type == "witness.registered";
}

CheckpointIssuer::CheckpointIssuer(Engine& engine, Transparency& transparency,
                                   std::chrono::milliseconds interval,
                                   std::function<void(const Error&)> failed)
    : engine_(engine),
      transparency_(transparency),
      interval_(interval),
      failed_(std::move(failed)) {}

CheckpointIssuer::~CheckpointIssuer() { stop(); }

void CheckpointIssuer::start() {
  listener_ = engine_.subscribe([this](const store::RecordedEvent& e) {
    if (checkpoint_at_once(e)) waker_.wake();
  });
  thread_ = base::start_thread("tlog-checkpoint", [this] { run(); });
}

void CheckpointIssuer::stop() {
  if (!waker_.stop()) return;
  if (listener_) engine_.unsubscribe(listener_);
  if (thread_.joinable()) thread_.join();
}

void CheckpointIssuer::run() {
  do {
    auto issued = transparency_.checkpoint();
    if (!issued) {
      failed_(issued.error());
    } else if (stamp_ && issued->timestamp.empty()) {
      auto note = evidence::parse_note(issued->note);
      auto token = note ? stamp_(note->text) : Result<std::string>(note.error());
      Status kept = token ? transparency_.add_timestamp(issued->size, *token) : token.error();
      if (!kept.ok()) failed_(kept.error());
    }
  } while (waker_.sleep_for(interval_));
}

}  // namespace pactum::engine
