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
  std::int64_t events = 0;             // events checked and found intact
  std::int64_t bytes = 0;              // bytes of canonical records hashed
  std::string head_hash;               // the hash of the last intact event
  std::optional<std::string> failure;  // the first broken link, named
  bool intact() const { return !failure; }
};

// Verifies the chain after `from` — the whole chain when from.seq is 0, or what was appended
// since a head verified before (how `serve` checks the log at each start without rehashing all
// of it). The event at `from` must still be there with the same hash: a log cut back below it, or
// whose verified head was replaced, fails. `events` counts the events checked after `from`.
// `progress(events_checked)` is called after each page, for a progress display.
AuditReport verify_log(store::EventSource& log,
                       const std::function<void(std::int64_t)>& progress = nullptr,
                       const store::ChainHead& from = {});

// What `serve` does before it serves: verifies what was appended since the head it verified at
// its previous start (the whole chain the first time) and, when intact, stores the new head.
// A broken chain is `failed_precondition` naming the first bad event: the server must neither
// serve an altered record nor append on top of it. Editing an event older than the stored head
// is found by a full `pactum audit verify`, not here.
Result<AuditReport> verify_since_last_start(store::EventLog& log);

}  // namespace pactum::engine
