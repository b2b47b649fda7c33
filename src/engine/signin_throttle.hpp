// Sign-in throttling: after a few failed sign-ins for one user name, or from one client address,
// further attempts must wait, twice as long after each further failure (exponential backoff,
// capped). Attempts that must wait are refused without checking the password, so guessing costs
// the guesser time, not the server CPU. Per user name and per address independently: a name
// being guessed does not hold up anyone else, and an address holds up only the sign-ins made
// from it (its limit is higher: an office behind one address shares it).
//
// In memory only: a restart forgets every count. Time comes from the injected Clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/clock.hpp"

namespace pactum::engine {

struct ThrottlePolicy {
  int user_failures = 5;      // failed sign-ins of one user name before the first wait
  int address_failures = 20;  // failed sign-ins from one address (any names) before its first wait
  std::chrono::seconds first_wait{30};  // then 60 s, 120 s … after each further failure
  std::chrono::seconds max_wait{15 * 60};
  // A name or address with no failure for this long starts afresh.
  std::chrono::seconds forget_after{60 * 60};
  // At most this many names and addresses are tracked each (forgotten ones make room); past it,
  // new ones are not tracked, so memory stays bounded under a flood of made-up names.
  std::size_t max_tracked = 100000;
};

// A wait that a failed sign-in started: a security event worth recording.
struct Lockout {
  std::string user;
  std::string address;
  std::string scope;  // "user" or "address": which limit was reached
  int failures = 0;   // consecutive failures of that name or address
  Instant until;
};

class SigninThrottle {
 public:
  explicit SigninThrottle(const Clock& clock, ThrottlePolicy policy = {});

  // How long a sign-in as `user` from `address` must still wait; zero: it may be tried now.
  std::chrono::milliseconds wait(const std::string& user, const std::string& address);
  // Records a failed sign-in; returns the waits it starts (the user name's, the address's).
  std::vector<Lockout> failed(const std::string& user, const std::string& address);
  // A successful sign-in clears the user name's failures. Not the address's: one valid account
  // must not reset the count of someone trying many names from there.
  void succeeded(const std::string& user);

 private:
  struct Entry {
    int failures = 0;
    Instant last_failure;
    Instant locked_until;
  };
  using Table = std::unordered_map<std::string, Entry>;
  // The entry of `key`, or nullptr when it is not tracked and there is no room for it.
  Entry* entry(Table& table, const std::string& key, Instant now);
  std::optional<Lockout> count_failure(Table& table, const std::string& key, int limit,
                                       Instant now);

  const Clock& clock_;
  ThrottlePolicy policy_;
  std::mutex mutex_;
  Table users_;
  Table addresses_;
};

}  // namespace pactum::engine
