#include "store/postgres/fence.hpp"

#include <fmt/format.h>

namespace pactum::store::pg {

Status FenceCheck::check(const std::optional<Fence>& fence) {
  if (!fence) return {};
  auto known = tokens_.find(fence->lease);
  if (known == tokens_.end()) {
    auto rows =
        db_.query("SELECT token FROM leases WHERE name = $1 FOR SHARE", Params().add(fence->lease));
    if (!rows) return rows.error();
    std::optional<std::int64_t> token;
    if (rows->size() == 1) token = rows->int64(0, 0);
    known = tokens_.emplace(fence->lease, token).first;
  }
  const auto& token = known->second;
  if (token == fence->token) return {};
  return Error{
      ErrorCode::failed_precondition,
      fmt::format("this node no longer holds the {} lease: its token {} is stale{}", fence->lease,
                  fence->token, token ? fmt::format(" (now {})", *token) : ""),
      "fence"};
}

}  // namespace pactum::store::pg
