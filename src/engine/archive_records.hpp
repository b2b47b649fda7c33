// G5: what the log says, folded for the documents an archive bundle carries (archive_bundle.hpp):
// every plan version with its signatures and the signers' keys, the plan in force at the log's
// end, and every incident's state and timeline. Folded in the bundle's one scan of the log from
// the same events, by the same functions (GovernanceLedger, decode, evolve), as the server's read
// model, so the documents made from it are the ones the API serves. Not thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "engine/governance_ledger.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

struct ArchiveIncident {
  IncidentState state;
  std::vector<Event> events;  // the timeline, decoded, oldest first
};

struct ArchiveRecords {
  // Every version, its state judged against the version in force at the log's end (once
  // finish()ed).
  GovernanceLedger ledger;
  std::optional<Plan> plan;  // the plan in force at the log's end, once finish()ed; none: none
  std::map<std::string, ArchiveIncident> incidents;  // by id (with_incidents only)
  bool with_incidents = true;  // false: the incidents are not folded (no documents are made)

  // Takes in one event of the log, in seq order. An incident event that cannot be decoded (from
  // a newer Pactum) is an error naming its record.
  Status apply(const store::RecordedEvent& e);
  // After the last event: judges each version's state and reads the plan in force.
  void finish();
};

}  // namespace pactum::engine
