// Each user's secret calendar-feed address: the feed needs no other credential, so
// its token is the credential. A token is an HMAC of the user id and how many times they rotated
// it, under a key derived from the server's secret key: nothing secret is stored, and a rotation
// (`calendar.rotated` on the log's "calendar" stream, so it outlives a restart) makes every older
// address stop working at once.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

class CalendarFeeds {
 public:
  // `secret`: the server's secret key (the one that signs acknowledgement links); empty: no feeds.
  CalendarFeeds(Engine& engine, store::EventLog& log, const std::string& secret);

  // Reads the "calendar" stream. Call once, after Engine::load().
  Status load();

  // The user's current token (32 hex characters); unavailable without a secret.
  Result<std::string> token(const std::string& user) const;
  // Whether `token` is the user's current one (compared in constant time).
  bool accepts(const std::string& user, const std::string& token) const;
  // Records a rotation for `user`: their older addresses stop working.
  void rotate(const std::string& user, const Actor& by, std::function<void(Status)> done);

 private:
  std::string token_locked(const std::string& user) const;

  Engine& engine_;
  store::EventLog& log_;
  std::string key_;  // derived from the secret for this one use
  mutable std::mutex mutex_;
  std::map<std::string, int> rotations_;  // user → how many times rotated
};

}  // namespace pactum::engine
