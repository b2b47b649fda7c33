// T5: an alert from monitoring, and what it means for the plan at a given moment.
// An alert is identified by its fingerprint (its label set). It fires from starts_at; it is
// resolved once ends_at has passed. A trigger condition becomes true when the alert has fired for
// the rule's `for` duration: that instant is the incident's discovery time, so the P1 clock is
// honest even when the alert reaches Pactum late. Domain code: `now` is a parameter.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/alert_rules.hpp"
#include "domain/incident.hpp"
#include "domain/result.hpp"
#include "domain/silence.hpp"
#include "domain/time.hpp"

namespace pactum {

struct Alert {
  Labels labels;
  Labels annotations;
  Instant starts_at;
  std::optional<Instant> ends_at;  // absent while firing with no end announced
  std::string generator_url;
  // False when the sender did not say when it started (a generic event without "at"): starts_at
  // is when it arrived, and a repeat while the alert still fires continues that episode.
  bool start_given = true;

  bool resolved_at(Instant now) const { return ends_at && *ends_at <= now; }
};

// Limits on what one alert may carry; beyond them the whole request is refused.
struct AlertLimits {
  std::size_t max_labels = 64;
  std::size_t max_name_bytes = 128;
  std::size_t max_value_bytes = 4096;
  std::chrono::hours max_future_skew{1};  // starts_at later than now + this is absurd
  Instant earliest = std::chrono::sys_days{std::chrono::year{2000} / 1 / 1};
};

// Why an alert cannot be accepted (`where` prefixes the field path, e.g. "alerts[3]"), or nothing.
// Rules follow Prometheus: label names match [a-zA-Z_][a-zA-Z0-9_]*, "alertname" is required.
Status alert_error(const Alert& a, const std::string& where, Instant now,
                   const AlertLimits& limits = {});

// What an alert asks of the plan now.
struct AlertVerdict {
  enum class Kind {
    unmatched,  // no trigger condition of the plan matches its labels
    pending,    // matches, but has not fired for the rule's `for` yet, or is muted (re-evaluate at
                // `due`)
    open,       // matches, has fired long enough, and no open incident has its group key
    attach,     // matches, and the open incident `incident_id` has its group key
    resolved,   // resolved before its condition became true (or while muted): nothing to do
  };
  Kind kind = Kind::unmatched;
  AlertMatch match;         // for every kind but unmatched
  Instant due{};            // pending: when the condition becomes true; open: the discovery time
  std::string incident_id;  // attach
};

// The open incident that already carries a group key, if any.
using OpenIncidentByGroup = std::function<std::optional<std::string>(const std::string& group_key)>;

// The first matching condition decides (plans list the specific before the general). A condition
// becomes true when the alert has fired for the rule's `for`, or, if a silence mutes the alert
// then, when no silence mutes it any more (silence.hpp): `due` is that instant. An alert joins
// an open incident of its group whether or not it is muted (people are on it already).
AlertVerdict evaluate_alert(const Plan& plan, const Alert& a, const OpenIncidentByGroup& open,
                            Instant now, const std::vector<Silence>& silences = {});

// The P1 report a machine files for an `open` verdict. 责任方: the rule's `responsible`, else the
// alert's "party" label when it names a party, else the first party; the reporting party is the
// same (its own monitoring saw it). 问题现象 is the summary annotation (else the alert name),
// 影响范围 the description annotation (else the grouping labels).
cmd::Report report_for_alert(const Plan& plan, const Alert& a, const AlertVerdict& v,
                             std::string incident_id);

}  // namespace pactum
