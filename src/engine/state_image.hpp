// An incident's state and a stored event as snapshot bytes (image_bytes.hpp), and back. Every
// field, in declaration order: a field added to IncidentState (or the records it holds) must be
// added here and the snapshot format number raised (snapshots.hpp), or snapshots taken by the
// older binary would restore it empty. state_image.cpp checks the struct sizes it was written
// for, so that such an addition does not compile unnoticed.
#pragma once

#include "domain/incident.hpp"
#include "engine/image_bytes.hpp"
#include "store/event_log.hpp"

namespace pactum::engine::image {

void write(Writer& w, const IncidentState& s);
IncidentState read_state(Reader& r);

void write(Writer& w, const store::RecordedEvent& e);
store::RecordedEvent read_event(Reader& r);

}  // namespace pactum::engine::image
