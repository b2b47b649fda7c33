// How the API shows things: incidents, obligations and recorded events as JSON. Texts a person
// reads come in both languages ({zh, en}); instants are RFC 3339 UTC; the web app formats them in
// the plan's time zone.
#pragma once

#include <boost/json/value.hpp>

#include "domain/obligations.hpp"
#include "engine/engine.hpp"
#include "store/event_log.hpp"

namespace pactum::http {

boost::json::value event_json(const store::RecordedEvent& e);
boost::json::value obligation_json(const Obligation& o);
boost::json::value incident_summary_json(const Plan& plan, const std::string& id,
                                         const IncidentState& s, Instant now);
boost::json::value incident_detail_json(const Plan& plan, const engine::IncidentRecord& r,
                                        Instant now);

}  // namespace pactum::http
