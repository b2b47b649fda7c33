// T5: the records of the "alerts" stream, as bytes. `alerts.observed` holds the alerts whose state
// changed, each an object written directly as canonical JSON (RFC 8785) — the hot path of the
// alert intake, where a general JSON writer cost more than the alert itself; `alert.observed`
// (one alert, written before 2026-11) is still read; `alert.linked` says which incident an
// alert's episode opened or joined.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/alert.hpp"
#include "domain/incident.hpp"

namespace pactum::engine::alert_records {

inline constexpr const char* kObserved = "alerts.observed";    // {"alerts": [alert, ...]}
inline constexpr const char* kObservedOne = "alert.observed";  // one alert: old logs, still read
inline constexpr const char* kLinked = "alert.linked";
inline constexpr std::size_t kMaxAlertsPerRecord = 1000;  // an alert's place in its record: 16 bits

// The alert's object in an `alerts.observed` record: canonical JSON, members in byte order (JCS's
// order here, because label and annotation names are ASCII: the payload parsers refuse others).
// alert_intake_test checks it against canonical_json().
std::string observed_alert(const std::string& fingerprint, const Alert& a,
                           const std::string& source);
// An `alerts.observed` payload of alert objects made by observed_alert().
std::string observed_record(const std::vector<std::string_view>& alerts);

// The alert objects of an alerts.observed (or alert.observed) record, in order; an entry that is
// not an object stays as an empty one, so that the others keep their places.
std::vector<boost::json::object> alert_objects(std::string_view type, std::string_view payload);
// The alert a record's alert object describes, with its source; `at`: the record's time, the
// start of an alert that does not say.
std::pair<Alert, std::string> alert_from(const boost::json::object& o, Instant at);

struct Linked {
  std::string fingerprint;
  std::string group_key;
  std::string incident;
  bool opened = false;               // it opened `incident` (rather than joined it)
  std::optional<Instant> starts_at;  // the episode decided (records before 2026-11-28: none)
};
std::string linked_payload(const Linked& l);  // canonical JSON
std::optional<Linked> linked_from(std::string_view payload);

// An alert's fingerprint as a table key: 16 hex digits (domain/alert.hpp fingerprint_key).
std::optional<std::uint64_t> key_of(std::string_view hex);
std::string hex_of(std::uint64_t key);
// The machine that reports for a monitoring source: "system:<source>".
Actor machine(const std::string& source);

}  // namespace pactum::engine::alert_records
