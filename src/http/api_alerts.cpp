// T5: monitoring's way in. Alertmanager's v2 API (so Prometheus can list Pactum under
// `alerting.alertmanagers`), Alertmanager's webhook (version 4), and a generic event; plus the
// alerts linked to an incident. Ingesting answers once the alerts are on disk; opening incidents
// is the scheduler's next step, woken here when an alert matches a trigger condition.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "engine/alert_intake.hpp"
#include "http/alert_payloads.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

object labels_json(const Labels& labels) {
  object o;
  for (const auto& [k, v] : labels) o[k] = v;
  return o;
}

// Alertmanager's gettable alert, with Pactum's link to the incident.
object alert_json(const engine::AlertRecord& r, Instant now) {
  bool resolved = r.alert.resolved_at(now);
  object o{{"fingerprint", r.fingerprint},
           {"labels", labels_json(r.alert.labels)},
           {"annotations", labels_json(r.alert.annotations)},
           {"startsAt", format_instant(r.alert.starts_at)},
           {"endsAt", r.alert.ends_at ? boost::json::value(format_instant(*r.alert.ends_at)) : nullptr},
           {"updatedAt", format_instant(r.updated_at)},
           {"generatorURL", r.alert.generator_url},
           {"receivers", array{object{{"name", "pactum"}}}},
           {"status", object{{"state", resolved ? "resolved" : "active"}, {"silencedBy", array{}},
                             {"inhibitedBy", array{}}}},
           {"source", r.source},
           {"incident", r.incident.empty() ? boost::json::value(nullptr) : boost::json::value(r.incident)},
           {"opened", r.opened}};
  if (!r.problem.empty()) o["problem"] = r.problem;
  return o;
}

void ingest(Api& api, Reply reply, Result<std::vector<Alert>> alerts, const std::string& source) {
  if (!alerts) return reply(error_response(alerts.error()));
  auto* intake = api.options().alerts;
  if (!intake) return reply(error_response(503, "unavailable", "alert intake is not running"));
  intake->ingest(std::move(alerts).value(), source, [&api, reply](Result<engine::IngestOutcome> r) {
    if (!r) return reply(error_response(r.error()));
    if (r->to_evaluate > 0 && api.scheduler()) api.scheduler()->wake();  // the rest never open anything
    reply(json_response(200, object{{"received", r->received}, {"recorded", r->recorded}}));
  });
}

}  // namespace

void add_alert_routes(Api& api) {
  api.route("POST", "/api/v2/alerts", Access::alerts, [&api](Call& call, Reply reply) {
    ingest(api, std::move(reply), parse_v2_alerts(call.request.body, api.engine().clock().now()), "prometheus");
  });
  api.route("POST", "/api/v1/alerts/webhook", Access::alerts, [&api](Call& call, Reply reply) {
    ingest(api, std::move(reply), parse_webhook_v4(call.request.body, api.engine().clock().now()), "alertmanager");
  });
  api.route("POST", "/api/v1/alerts/event", Access::alerts, [&api](Call& call, Reply reply) {
    auto one = parse_generic_alert(call.request.body, api.engine().clock().now());
    Result<std::vector<Alert>> list = one ? Result<std::vector<Alert>>(std::vector<Alert>{*one})
                                          : Result<std::vector<Alert>>(one.error());
    ingest(api, std::move(reply), std::move(list), "generic");
  });
  api.route("GET", "/api/v2/alerts", Access::alerts, [&api](Call&, Reply reply) {
    array out;
    if (auto* intake = api.options().alerts) {
      auto alerts = intake->alerts();
      if (!alerts) return reply(error_response(alerts.error()));
      Instant now = api.engine().clock().now();
      for (const auto& r : *alerts) out.push_back(alert_json(r, now));
    }
    reply(json_response(200, out));
  }, Pace::slow);
  api.route("GET", "/api/v2/status", Access::alerts, [&api](Call&, Reply reply) {
    reply(json_response(200, object{{"cluster", object{{"status", "ready"}, {"peers", array{}}}},
                                    {"versionInfo", object{{"version", api.options().version}, {"program", "pactum"}}},
                                    {"config", object{{"original", ""}}},
                                    {"uptime", format_instant(api.engine().clock().now())}}));
  });
  api.route("GET", "/api/v1/incidents/{id}/alerts", Access::read, [&api](Call& call, Reply reply) {
    const std::string& id = call.request.params.at("id");
    if (!api.engine().incident(id)) {
      return reply(error_response(Error{ErrorCode::not_found, fmt::format("no incident \"{}\"", id), {}}));
    }
    array out;
    if (auto* intake = api.options().alerts) {
      auto alerts = intake->alerts_of(id);
      if (!alerts) return reply(error_response(alerts.error()));
      Instant now = api.engine().clock().now();
      for (const auto& r : *alerts) out.push_back(alert_json(r, now));
    }
    reply(json_response(200, object{{"alerts", out}}));
  }, Pace::slow);
}

}  // namespace pactum::http
