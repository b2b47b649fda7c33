// T5: the three ways monitoring hands Pactum alerts, read into domain Alerts.
//   - the Alertmanager v2 API body (`POST /api/v2/alerts`): a JSON array of postable alerts, as
//     Prometheus sends when Pactum is listed in `alerting.alertmanagers`;
//   - the Alertmanager webhook body, version 4 (`webhook_configs`);
//   - a generic event for anything else: {"name", "labels"?, "summary"?, "description"?,
//     "status": "firing"|"resolved", "at"?}.
// A batch is all or nothing: the first problem anywhere (malformed JSON, a missing alertname, an
// absurd timestamp, too many alerts) refuses the whole body, naming the field
// ("alerts[3].startsAt"). Fields Pactum does not use are ignored rather than refused: Prometheus
// and Alertmanager add fields between versions, and a monitoring pipeline must not break on an
// upgrade.
#pragma once

#include <string>
#include <vector>

#include "domain/alert.hpp"
#include "domain/result.hpp"

namespace pactum::http {

struct AlertBatchLimits {
  std::size_t max_alerts = 1000;  // per request; Prometheus sends at most 64 by default
  AlertLimits alert;
};

Result<std::vector<Alert>> parse_v2_alerts(const std::string& body, Instant now,
                                           const AlertBatchLimits& limits = {});
Result<std::vector<Alert>> parse_webhook_v4(const std::string& body, Instant now,
                                            const AlertBatchLimits& limits = {});
Result<Alert> parse_generic_alert(const std::string& body, Instant now,
                                  const AlertLimits& limits = {});

}  // namespace pactum::http
