#include "engine/calendar_feeds.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/event_json.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream = "calendar";
constexpr const char* kRotated = "calendar.rotated";

}  // namespace

CalendarFeeds::CalendarFeeds(Engine& engine, store::EventLog& log, const std::string& secret)
    : engine_(engine),
      log_(log),
      key_(secret.empty() ? std::string() : hmac_sha256(secret, "pactum calendar feed")) {}

Status CalendarFeeds::load() {
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.payload, ec);
    if (!ec && r.type == kRotated && v.is_object()) {
      const auto* user = v.as_object().if_contains("user");
      if (user && user->is_string()) {
        std::lock_guard lock(mutex_);
        ++rotations_[std::string(user->as_string())];
      }
    }
    return true;
  });
}

std::string CalendarFeeds::token_locked(const std::string& user) const {
  auto it = rotations_.find(user);
  int generation = it == rotations_.end() ? 0 : it->second;
  return to_hex(hmac_sha256(key_, fmt::format("{}\n{}", user, generation))).substr(0, 32);
}

Result<std::string> CalendarFeeds::token(const std::string& user) const {
  if (key_.empty()) return Error{ErrorCode::unavailable, "this server has no calendar feeds", {}};
  std::lock_guard lock(mutex_);
  return token_locked(user);
}

bool CalendarFeeds::accepts(const std::string& user, const std::string& token) const {
  if (key_.empty() || token.size() != 32) return false;
  std::lock_guard lock(mutex_);
  std::string expected = token_locked(user);
  return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

void CalendarFeeds::rotate(const std::string& user, const Actor& by,
                           std::function<void(Status)> done) {
  if (key_.empty())
    return done(Error{ErrorCode::unavailable, "this server has no calendar feeds", {}});
  store::AppendRequest request{kStream,
                               store::kAnyVersion,
                               {{kRotated, canonical_json(actor_to_json(by)), engine_.clock().now(),
                                 canonical_json(json::object{{"user", user}})}},
                               {},
                               {}};
  log_.append(std::move(request), [this, user, done](Result<store::AppendResult> r) {
    if (!r) return done(r.error());
    {
      std::lock_guard lock(mutex_);
      ++rotations_[user];
    }
    engine_.observe(r->events);
    done(Status{});
  });
}

}  // namespace pactum::engine
