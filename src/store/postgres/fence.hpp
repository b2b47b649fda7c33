// The fencing token checked inside a transaction (store/lease.hpp): a write carrying a fence is
// made only while the lease still has its token. The lease's row is locked (FOR SHARE) until the
// transaction ends, so a takeover waits for the fenced write to commit and then sees it, instead
// of racing it.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "store/lease.hpp"
#include "store/postgres/connection.hpp"

namespace pactum::store::pg {

// The fences of one transaction: each lease's token is read (and its row locked) once.
class FenceCheck {
 public:
  explicit FenceCheck(Connection& db) : db_(db) {}
  // Ok without a fence or with the lease's token; `failed_precondition` with field "fence"
  // (is_fenced) when the token is stale; the query's error otherwise.
  Status check(const std::optional<Fence>& fence);

 private:
  Connection& db_;
  std::map<std::string, std::optional<std::int64_t>> tokens_;  // lease → its token, if any
};

inline Status check_fence(Connection& db, const std::optional<Fence>& fence) {
  return FenceCheck(db).check(fence);
}

}  // namespace pactum::store::pg
