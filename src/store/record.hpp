// The evidence record: exactly which bytes an event's hash covers, and how a chain is verified.
// Anyone can recompute it from an export: canonical JSON (RFC 8785) of
// {actor, at, idempotency_key, payload, seq, stream, type, version}, hashed as
// SHA-256(prev_hash + "\n" + record). See docs/architecture.md ("Evidence").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "store/event_log.hpp"

namespace pactum::store {

std::string canonical_record(const RecordedEvent& e);

// Fills prev_hash and hash of `e` that follows `prev_hash`.
void seal(RecordedEvent& e, const std::string& prev_hash);

// The records an append adds after `head` to a stream now at `stream_version`, sealed into the
// chain; or `conflict` when the expected version does not match, `invalid_argument` for an
// empty request. Shared by every backend so that all chain the same way. The events' texts are
// moved out of `request` (a record is written once; its payload may be large).
Result<std::vector<RecordedEvent>> build_records(AppendRequest& request, const ChainHead& head,
                                                 std::int64_t stream_version);

// Checks events one at a time, in order, hashing each record as it streams past (no copies).
// The first failure is kept and reported.
class ChainVerifier {
 public:
  ChainVerifier();
  // Continues a chain already verified up to `from` (seq and hash of its last event).
  explicit ChainVerifier(const ChainHead& from);
  // False (and stops checking) at the first event that does not follow the chain.
  bool next(const RecordView& e);
  bool next(const RecordedEvent& e);
  const std::optional<std::string>& failure() const { return failure_; }
  std::int64_t checked() const { return checked_; }
  std::int64_t bytes() const { return bytes_; }  // canonical record bytes hashed
  std::string head_hash() const { return std::string(prev_.data(), prev_.size()); }

 private:
  std::int64_t checked_ = 0;
  std::int64_t bytes_ = 0;
  std::int64_t last_seq_ = 0;
  std::array<char, 64> prev_;
  std::optional<std::string> failure_;
};

}  // namespace pactum::store
