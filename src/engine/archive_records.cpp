#include "engine/archive_records.hpp"

#include <cstring>

#include "engine/engine.hpp"
#include "engine/event_codec.hpp"
#include "engine/streams.hpp"

namespace pactum::engine {

Status ArchiveRecords::apply(const store::RecordedEvent& e) {
  ledger.apply(e);
  if (!with_incidents || e.stream.rfind(kIncidentPrefix, 0) != 0) return {};
  auto event = decode(e);
  if (!event) return event.error();
  auto& incident = incidents[e.stream.substr(std::strlen(kIncidentPrefix))];
  evolve(incident.state, *event);
  incident.events.push_back(std::move(*event));
  return {};
}

void ArchiveRecords::finish() {
  for (auto& [n, v] : ledger.versions) v.state = version_state(n, ledger.in_force);
  plan.reset();
  if (auto it = ledger.versions.find(ledger.in_force); it != ledger.versions.end()) {
    if (auto p = valid_plan(it->second.yaml)) plan = std::move(*p);
  }
}

}  // namespace pactum::engine
