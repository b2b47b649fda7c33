#include "engine/signin_throttle.hpp"

#include <algorithm>

namespace pactum::engine {

SigninThrottle::SigninThrottle(const Clock& clock, ThrottlePolicy policy)
    : clock_(clock), policy_(policy) {}

std::chrono::milliseconds SigninThrottle::wait(const std::string& user,
                                               const std::string& address) {
  Instant now = clock_.now();
  std::lock_guard lock(mutex_);
  std::chrono::milliseconds out{0};
  for (auto [table, key] : {std::pair{&users_, &user}, std::pair{&addresses_, &address}}) {
    auto it = table->find(*key);
    if (it != table->end() && it->second.locked_until > now) {
      out = std::max(out, std::chrono::duration_cast<std::chrono::milliseconds>(
                              it->second.locked_until - now));
    }
  }
  return out;
}

SigninThrottle::Entry* SigninThrottle::entry(Table& table, const std::string& key, Instant now) {
  if (auto it = table.find(key); it != table.end()) {
    if (now - it->second.last_failure >= policy_.forget_after) it->second = Entry{};
    return &it->second;
  }
  if (table.size() >= policy_.max_tracked) {
    std::erase_if(table, [&](const auto& kv) {
      return now - kv.second.last_failure >= policy_.forget_after;
    });
    if (table.size() >= policy_.max_tracked) return nullptr;
  }
  return &table[key];
}

std::optional<Lockout> SigninThrottle::count_failure(Table& table, const std::string& key,
                                                     int limit, Instant now) {
  Entry* e = entry(table, key, now);
  if (!e) return std::nullopt;
  e->failures += 1;
  e->last_failure = now;
  if (e->failures < limit) return std::nullopt;
  // first_wait × 2^(failures − limit), capped; the shift is bounded before it could overflow.
  int doublings = std::min(e->failures - limit, 20);
  auto wait = std::min<std::chrono::seconds>(policy_.first_wait * (std::int64_t{1} << doublings),
                                             policy_.max_wait);
  e->locked_until = now + wait;
  return Lockout{"", "", "", e->failures, e->locked_until};
}

std::vector<Lockout> SigninThrottle::failed(const std::string& user, const std::string& address) {
  Instant now = clock_.now();
  std::lock_guard lock(mutex_);
  std::vector<Lockout> out;
  if (auto l = count_failure(users_, user, policy_.user_failures, now)) {
    l->scope = "user";
    out.push_back(std::move(*l));
  }
  if (auto l = count_failure(addresses_, address, policy_.address_failures, now)) {
    l->scope = "address";
    out.push_back(std::move(*l));
  }
  for (auto& l : out) {
    l.user = user;
    l.address = address;
  }
  return out;
}

void SigninThrottle::succeeded(const std::string& user) {
  std::lock_guard lock(mutex_);
  users_.erase(user);
}

}  // namespace pactum::engine
