#include "store/memory/memory_checkpoints.hpp"

#include <fmt/format.h>

namespace pactum::store {

Status MemoryCheckpoints::add(const StoredCheckpoint& checkpoint) {
  std::lock_guard lock(mutex_);
  if (!checkpoints_.emplace(checkpoint.size, checkpoint).second) {
    return Error{ErrorCode::conflict,
                 fmt::format("a checkpoint of size {} is stored already", checkpoint.size),
                 {}};
  }
  checkpoints_[checkpoint.size].cosignatures.clear();
  checkpoints_[checkpoint.size].timestamp.clear();
  return {};
}

Result<std::optional<StoredCheckpoint>> MemoryCheckpoints::latest() {
  std::lock_guard lock(mutex_);
  if (checkpoints_.empty()) return std::optional<StoredCheckpoint>();
  return std::optional<StoredCheckpoint>(checkpoints_.rbegin()->second);
}

Result<std::optional<StoredCheckpoint>> MemoryCheckpoints::at(std::int64_t size) {
  std::lock_guard lock(mutex_);
  auto it = checkpoints_.find(size);
  if (it == checkpoints_.end()) return std::optional<StoredCheckpoint>();
  return std::optional<StoredCheckpoint>(it->second);
}

Status MemoryCheckpoints::add_cosignature(std::int64_t size, const StoredCosignature& c) {
  std::lock_guard lock(mutex_);
  auto it = checkpoints_.find(size);
  if (it == checkpoints_.end()) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  auto& list = it->second.cosignatures;
  std::erase_if(list, [&](const StoredCosignature& s) { return s.witness == c.witness; });
  list.push_back(c);
  return {};
}

Status MemoryCheckpoints::add_timestamp(std::int64_t size, const std::string& token) {
  std::lock_guard lock(mutex_);
  auto it = checkpoints_.find(size);
  if (it == checkpoints_.end()) {
    return Error{ErrorCode::not_found, fmt::format("no checkpoint of size {}", size), "size"};
  }
  if (!it->second.timestamp.empty()) {
    return Error{
        ErrorCode::conflict, fmt::format("checkpoint {} is time-stamped already", size), {}};
  }
  it->second.timestamp = token;
  return {};
}

}  // namespace pactum::store
