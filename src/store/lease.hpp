// Leases with fencing tokens: how several nodes on one store agree that exactly one of them runs
// the clock-driven work (the scheduler and the delivery worker, engine/leadership.hpp).
//
// A lease has a name, a holder and a token. Taking a lease that is free, expired or already one's
// own renews it for `ttl`; the token goes up by one on every change of holder and stays while
// the same holder renews, so it names one uninterrupted tenure. Expiry is decided by the store's
// clock (PostgreSQL's now()), never by the nodes', so nodes need not agree on the time.
//
// A fence is the token a writer believes it holds. A write that carries one (AppendRequest::fence,
// Outbox::record_attempts) is refused, in the same transaction, when the lease's token is no
// longer that one: a node that was paused past its lease (a long GC-like stall, SIGSTOP, a VM
// migration) and wakes up still thinking it leads cannot record a breach or a delivery after the
// new leader took over. The refusal is `failed_precondition` with field "fence" (is_fenced()).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.hpp"

namespace pactum::store {

struct Fence {
  std::string lease;  // e.g. "scheduler"
  std::int64_t token = 0;
};

// Whether `e` is the refusal of a write whose fence is stale.
inline bool is_fenced(const Error& e) {
  return e.code == ErrorCode::failed_precondition && e.field == "fence";
}

class Leases {
 public:
  virtual ~Leases() = default;
  // Takes or renews the lease `name` for `holder` until `ttl` from now (the store's clock): its
  // token when `holder` has it now, nullopt when another holder's lease is still running.
  virtual Result<std::optional<std::int64_t>> acquire(const std::string& name,
                                                      const std::string& holder,
                                                      std::chrono::milliseconds ttl) = 0;
  // Ends `holder`'s lease now (a clean stop hands over at once instead of after its ttl). The
  // token stays: the next holder's is one more.
  virtual Status release(const std::string& name, const std::string& holder) = 0;
};

}  // namespace pactum::store
