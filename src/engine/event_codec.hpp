// Domain events ↔ stored records: the payload and actor as canonical JSON.
#pragma once

#include "domain/incident.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

store::NewEvent encode(const Event& event);
// Decodes a stored incident event; an error names the record (seq) that could not be read.
Result<Event> decode(const store::RecordedEvent& record);

}  // namespace pactum::engine
