// Events as JSON: the form in which they are stored, hashed (canonical_json) and sent over the API.
// An event is {"type": "incident.reported", "at": RFC 3339, "actor": {...}, "payload": {...}}.
// Every payload field is always written (absent optionals as null), so the JSON of an event is a
// complete record and decoding it gives back the same event.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "domain/incident.hpp"
#include "domain/result.hpp"

namespace pactum {

boost::json::value event_payload_to_json(const EventData& data);
Result<EventData> event_payload_from_json(std::string_view type, const boost::json::value& payload);

boost::json::value actor_to_json(const Actor& actor);
Result<Actor> actor_from_json(const boost::json::value& v);

boost::json::value event_to_json(const Event& event);
Result<Event> event_from_json(const boost::json::value& v);

}  // namespace pactum
