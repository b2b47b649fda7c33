// Checkpoints in memory, for tests.
#pragma once

#include <map>
#include <mutex>

#include "store/checkpoints.hpp"

namespace pactum::store {

class MemoryCheckpoints final : public Checkpoints {
 public:
  Status add(const StoredCheckpoint& checkpoint) override;
  Result<std::optional<StoredCheckpoint>> latest() override;
  Result<std::optional<StoredCheckpoint>> at(std::int64_t size) override;
  Status add_cosignature(std::int64_t size, const StoredCosignature& c) override;
  Status add_timestamp(std::int64_t size, const std::string& token) override;

 private:
  std::mutex mutex_;
  std::map<std::int64_t, StoredCheckpoint> checkpoints_;
};

}  // namespace pactum::store
