#include "domain/event_json.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <functional>

// Boost.JSON converts described structs and enums by itself. Instants (std::chrono types) need
// their conversion in boost::json, where argument-dependent lookup finds it.
namespace boost::json {
inline void tag_invoke(value_from_tag, value& v, const pactum::Instant& t) {
  v = pactum::format_instant(t);
}
inline result<pactum::Instant> tag_invoke(try_value_to_tag<pactum::Instant>, const value& v) {
  if (const auto* s = v.if_string()) {
    if (auto t = pactum::parse_instant(*s)) return *t;
  }
  return make_error_code(error::not_string);
}
}  // namespace boost::json

namespace pactum {
BOOST_DESCRIBE_ENUM(EvidenceKind, note, file, record)
BOOST_DESCRIBE_ENUM(Avoidability, avoidable, partly, unavoidable)
BOOST_DESCRIBE_STRUCT(Evidence, (), (kind, text, ref))
BOOST_DESCRIBE_STRUCT(FollowUpAction, (), (id, text, owner_role, due))
BOOST_DESCRIBE_STRUCT(Review, (),
                      (occurred_at, location, responsible, direct_cause, indirect_cause,
                       avoidability, avoidability_notes, actions))
BOOST_DESCRIBE_STRUCT(Actor, (), (user, party, roles))
BOOST_DESCRIBE_STRUCT(Quote, (), (supplier, supplier_name, amount, valid_until, evidence))
BOOST_DESCRIBE_STRUCT(ExternalMessage, (),
                      (number, template_id, audience, language, subject, body, to))

namespace ev {
BOOST_DESCRIBE_STRUCT(Reported, (),
                      (incident_id, trigger, condition, phenomenon, scope, cause_guess,
                       discovered_at, reporting_party, responsible_party))
BOOST_DESCRIBE_STRUCT(Synced, (), (note))
BOOST_DESCRIBE_STRUCT(Assessed, (), (impact, urgency, suggested_level, level, reason))
BOOST_DESCRIBE_STRUCT(LevelChanged, (), (from, to, reason))
BOOST_DESCRIBE_STRUCT(StepCompleted, (), (step, level, evidence))
BOOST_DESCRIBE_STRUCT(StepWaived, (), (step, level, reason))
BOOST_DESCRIBE_STRUCT(NoteAdded, (), (text))
BOOST_DESCRIBE_STRUCT(Resolved, (), (summary))
BOOST_DESCRIBE_STRUCT(ReviewSubmitted, (), (review))
BOOST_DESCRIBE_STRUCT(ActionCompleted, (), (action, evidence))
BOOST_DESCRIBE_STRUCT(ReviewApproved, (), (comment))
BOOST_DESCRIBE_STRUCT(Closed, (), (summary))
BOOST_DESCRIBE_STRUCT(Cancelled, (), (reason))
BOOST_DESCRIBE_STRUCT(ObligationBreached, (), (obligation, due))
BOOST_DESCRIBE_STRUCT(ObligationEscalated, (), (obligation, wave, recipients))
BOOST_DESCRIBE_STRUCT(ObligationReminded, (), (obligation, due))
BOOST_DESCRIBE_STRUCT(NotificationAcknowledged, (), (obligation, message, contact))
BOOST_DESCRIBE_STRUCT(AlertAttached, (), (fingerprint, alertname, summary, starts_at))
BOOST_DESCRIBE_STRUCT(AlertResolved, (), (fingerprint, alertname, summary, ends_at))
BOOST_DESCRIBE_STRUCT(QuoteRecorded, (), (step, level, quote))
BOOST_DESCRIBE_STRUCT(QuoteChosen, (), (step, level, supplier, reason))
BOOST_DESCRIBE_STRUCT(ThirdPartyEngaged, (), (third_party, evidence))
BOOST_DESCRIBE_STRUCT(ExternalMessageSent, (), (message))
BOOST_DESCRIBE_STRUCT(ExternalMessageDownloaded, (), (message))
}  // namespace ev

namespace {

using Decoder = std::function<boost::json::result<EventData>(const boost::json::value&)>;

template <class T>
Decoder decoder() {
  return [](const boost::json::value& v) -> boost::json::result<EventData> {
    auto r = boost::json::try_value_to<T>(v);
    if (!r) return r.error();
    return EventData{std::move(*r)};
  };
}

// One decoder per alternative of EventData, in the variant's order.
template <std::size_t... I>
std::array<Decoder, sizeof...(I)> make_decoders(std::index_sequence<I...>) {
  return {decoder<std::variant_alternative_t<I, EventData>>()...};
}

const std::array<Decoder, std::variant_size_v<EventData>>& decoders() {
  static const auto table =
      make_decoders(std::make_index_sequence<std::variant_size_v<EventData>>{});
  return table;
}

// The type name of each alternative, found by asking event_type() about a default value.
template <std::size_t... I>
std::array<std::string_view, sizeof...(I)> make_names(std::index_sequence<I...>) {
  return {event_type(EventData{std::in_place_index<I>})...};
}

const std::array<std::string_view, std::variant_size_v<EventData>>& names() {
  static const auto table = make_names(std::make_index_sequence<std::variant_size_v<EventData>>{});
  return table;
}

}  // namespace

boost::json::value event_payload_to_json(const EventData& data) {
  return std::visit([](const auto& e) { return boost::json::value_from(e); }, data);
}

Result<EventData> event_payload_from_json(std::string_view type,
                                          const boost::json::value& payload) {
  for (std::size_t i = 0; i < names().size(); ++i) {
    if (names()[i] != type) continue;
    auto r = decoders()[i](payload);
    if (!r) {
      return invalid("payload", fmt::format("payload of {} does not match its schema: {}", type,
                                            r.error().message()));
    }
    return std::move(*r);
  }
  return invalid("type", fmt::format("unknown event type \"{}\"", type));
}

boost::json::value actor_to_json(const Actor& actor) { return boost::json::value_from(actor); }

Result<Actor> actor_from_json(const boost::json::value& v) {
  auto r = boost::json::try_value_to<Actor>(v);
  if (!r) return invalid("actor", "actor must be {user, party, roles}: " + r.error().message());
  return std::move(*r);
}

boost::json::value event_to_json(const Event& event) {
  return {{"type", event_type(event.data)},
          {"at", format_instant(event.at)},
          {"actor", actor_to_json(event.actor)},
          {"payload", event_payload_to_json(event.data)}};
}

Result<Event> event_from_json(const boost::json::value& v) {
  const auto* obj = v.if_object();
  if (!obj) return invalid("", "an event is a JSON object");
  const auto* type = obj->if_contains("type");
  const auto* at = obj->if_contains("at");
  const auto* actor = obj->if_contains("actor");
  const auto* payload = obj->if_contains("payload");
  if (!type || !type->is_string()) return invalid("type", "type must be a string");
  if (!at || !at->is_string()) return invalid("at", "at must be an RFC 3339 string");
  auto when = parse_instant(at->get_string());
  if (!when) return invalid("at", "at must be an RFC 3339 instant");
  if (!actor) return invalid("actor", "actor is required");
  auto a = actor_from_json(*actor);
  if (!a) return a.error();
  if (!payload) return invalid("payload", "payload is required");
  auto data = event_payload_from_json(type->get_string(), *payload);
  if (!data) return data.error();
  return Event{*when, std::move(*a), std::move(*data)};
}

}  // namespace pactum
