// Verifying the whole evidence chain: every event's hash recomputed from its content and its
// predecessor's hash, in sequence order. Used by `pactum audit verify` (offline, on the data
// directory) and GET /api/v1/audit/verify (online).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "store/event_log.hpp"

namespace pactum::engine {

struct AuditReport {
  std::int64_t events = 0;  // events checked and found intact
  std::int64_t bytes = 0;   // bytes of canonical records hashed
  std::string head_hash;    // the hash of the last intact event
  std::optional<std::string> failure;  // the first broken link, named
  bool intact() const { return !failure; }
};

// `progress(events_checked)` is called after each page, for a progress display.
AuditReport verify_log(store::EventLog& log,
                       const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace pactum::engine
