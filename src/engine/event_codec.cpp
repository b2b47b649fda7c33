#include "engine/event_codec.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"

namespace pactum::engine {

store::NewEvent encode(const Event& event) {
  return {event_type(event.data), canonical_json(actor_to_json(event.actor)), event.at,
          canonical_json(event_payload_to_json(event.data))};
}

Result<Event> decode(const store::RecordedEvent& r) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(r.payload, ec);
  auto actor = ec ? boost::json::value() : boost::json::parse(r.actor, ec);
  if (ec) {
    return Error{ErrorCode::internal,
                 fmt::format("event {} is not valid JSON: {}", r.seq, ec.message()),
                 {}};
  }
  auto data = event_payload_from_json(r.type, payload);
  if (!data) {
    return Error{ErrorCode::internal, fmt::format("event {}: {}", r.seq, data.error().message), {}};
  }
  auto a = actor_from_json(actor);
  if (!a)
    return Error{ErrorCode::internal, fmt::format("event {}: {}", r.seq, a.error().message), {}};
  return Event{r.at, std::move(*a), std::move(*data)};
}

}  // namespace pactum::engine
