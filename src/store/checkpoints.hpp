// The log's signed checkpoints and the witnesses' cosignatures of them (docs/evidence.md). Kept
// beside the event log, not in it: a checkpoint commits to the log, so appending it to the log
// would call for another checkpoint, forever. Each is verifiable on its own (a signed note).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::store {

struct StoredCosignature {
  std::string witness;  // the witness key's name
  std::string line;     // its signature line, "— NAME BASE64\n"
  Instant received_at;
};

struct StoredCheckpoint {
  std::int64_t size = 0;  // tree size: events 1..size
  std::string note;       // the checkpoint as the log signed it (text, blank line, signature)
  Instant issued_at;
  std::vector<StoredCosignature> cosignatures;  // filled by the reads
  std::string timestamp;  // an RFC 3161 time-stamp token of the checkpoint's text (DER), or ""
};

class Checkpoints {
 public:
  virtual ~Checkpoints() = default;
  // Stores a checkpoint; one per size (a second for the same size is `conflict`).
  virtual Status add(const StoredCheckpoint& checkpoint) = 0;
  virtual Result<std::optional<StoredCheckpoint>> latest() = 0;
  virtual Result<std::optional<StoredCheckpoint>> at(std::int64_t size) = 0;
  // Keeps a witness's cosignature of the checkpoint of `size` (`not_found` if none); a witness's
  // later cosignature of the same checkpoint replaces its earlier one.
  virtual Status add_cosignature(std::int64_t size, const StoredCosignature& c) = 0;
  // Keeps the time-stamp token of the checkpoint of `size` (`not_found` if none; once: a second
  // is `conflict`).
  virtual Status add_timestamp(std::int64_t size, const std::string& token) = 0;
};

}  // namespace pactum::store
