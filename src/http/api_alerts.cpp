// T5: monitoring's way in. Alertmanager's v2 API (so Prometheus can list Pactum under
// `alerting.alertmanagers`, and amtool query it), Alertmanager's webhook (version 4), and a
// generic event; plus the alerts linked to an incident (silences: api_silences.cpp). Ingesting
// answers once the alerts are on disk; opening incidents is the scheduler's next step, woken here
// when an alert matches a trigger condition.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "engine/alert_intake.hpp"
#include "http/alert_payloads.hpp"
#include "http/alertmanager_query.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

const char* const kReceiver = "pactum";  // the one receiver Alertmanager's clients see

object labels_json(const Labels& labels) {
  object o;
  for (const auto& [k, v] : labels) o[k] = v;
  return o;
}

// Alertmanager's default resolve_timeout: the end it gives an alert posted without one.
constexpr auto kResolveTimeout = std::chrono::minutes(5);

// Alertmanager's gettable alert (every required field present), with Pactum's link to the
// incident. `muted_by`: the silences muting it now. An alert without an announced end fires until
// one is announced (Pactum times nothing out), but endsAt must be a time: it shows what
// Alertmanager shows for an alert that keeps being posted without one, now + resolve_timeout.
object alert_json(const engine::AlertRecord& r, Instant now,
                  const std::vector<std::string>& muted_by) {
  bool resolved = r.alert.resolved_at(now);
  array silenced_by(muted_by.begin(), muted_by.end());
  const char* state = resolved ? "resolved" : muted_by.empty() ? "active" : "suppressed";
  object o{
      {"fingerprint", r.fingerprint},
      {"labels", labels_json(r.alert.labels)},
      {"annotations", labels_json(r.alert.annotations)},
      {"startsAt", format_instant(r.alert.starts_at)},
      {"endsAt", format_instant(r.alert.ends_at.value_or(now + kResolveTimeout))},
      {"updatedAt", format_instant(r.updated_at)},
      {"generatorURL", r.alert.generator_url},
      {"receivers", array{object{{"name", kReceiver}}}},
      {"status",
       object{{"state", state}, {"silencedBy", std::move(silenced_by)}, {"inhibitedBy", array{}}}},
      {"source", r.source},
      {"incident",
       r.incident.empty() ? boost::json::value(nullptr) : boost::json::value(r.incident)},
      {"opened", r.opened}};
  if (!r.problem.empty()) o["problem"] = r.problem;
  return o;
}

// The silences muting `labels` now (none without silences: no work for the listing then).
std::vector<std::string> muted_by_now(const std::vector<Silence>* silences, const Labels& labels,
                                      Instant now) {
  if (!silences || silences->empty()) return {};
  return muted_by(*silences, labels, now);
}

void ingest(Api& api, Reply reply, Result<std::vector<Alert>> alerts, const std::string& source) {
  if (!alerts) return reply(error_response(alerts.error()));
  auto* intake = api.options().alerts;
  if (!intake) return reply(error_response(not_running("the alert intake")));
  intake->ingest(std::move(alerts).value(), source, [&api, reply](Result<engine::IngestOutcome> r) {
    if (!r) return reply(error_response(r.error()));
    if (r->to_evaluate > 0 && api.scheduler())
      api.scheduler()->wake();  // the rest never open anything
    reply(json_response(200, object{{"received", r->received}, {"recorded", r->recorded}}));
  });
}

}  // namespace

void add_alert_routes(Api& api) {
  api.route("POST", "/api/v2/alerts", Access::alerts, [&api](Call& call, Reply reply) {
    ingest(api, std::move(reply), parse_v2_alerts(call.request.body, api.engine().clock().now()),
           "prometheus");
  });
  api.route("POST", "/api/v1/alerts/webhook", Access::alerts, [&api](Call& call, Reply reply) {
    ingest(api, std::move(reply), parse_webhook_v4(call.request.body, api.engine().clock().now()),
           "alertmanager");
  });
  api.route("POST", "/api/v1/alerts/event", Access::alerts, [&api](Call& call, Reply reply) {
    auto one = parse_generic_alert(call.request.body, api.engine().clock().now());
    Result<std::vector<Alert>> list = one ? Result<std::vector<Alert>>(std::vector<Alert>{*one})
                                          : Result<std::vector<Alert>>(one.error());
    ingest(api, std::move(reply), std::move(list), "generic");
  });
  // As Alertmanager: the alerts not resolved, filtered as amtool asks (active / silenced,
  // matchers, receiver).
  api.route(
      "GET", "/api/v2/alerts", Access::alerts,
      [&api](Call& call, Reply reply) {
        auto query = parse_alert_query(call.request.query_list);
        if (!query) return reply(alertmanager_error_response(query.error()));
        array out;
        auto* intake = api.options().alerts;
        static const Labels kReceivers{{"receiver", kReceiver}};
        if (intake && (!query->receiver || matches(*query->receiver, kReceivers))) {
          Instant now = api.engine().clock().now();
          auto alerts = intake->alerts(now);
          if (!alerts) return reply(alertmanager_error_response(alerts.error()));
          auto silences = api.options().silences ? api.options().silences->all() : nullptr;
          for (const auto& r : *alerts) {
            if (!passes(query->filters, r.alert.labels)) continue;
            auto muted = muted_by_now(silences.get(), r.alert.labels, now);
            if (muted.empty() ? !query->active : !query->silenced) continue;
            out.push_back(alert_json(r, now, muted));
          }
        }
        reply(json_response(200, out));
      },
      Pace::slow);
  // Alertmanager's status shape: Pactum's version, no cluster, up since the server started.
  Instant started = api.engine().clock().now();
  api.route("GET", "/api/v2/status", Access::alerts, [&api, started](Call&, Reply reply) {
    object version{{"version", api.options().version},
                   {"revision", ""},
                   {"branch", ""},
                   {"buildUser", ""},
                   {"buildDate", ""},
                   {"goVersion", ""},
                   {"program", "pactum"}};
    object cluster{{"name", ""}, {"status", "disabled"}, {"peers", array{}}};
    reply(json_response(200, object{{"cluster", std::move(cluster)},
                                    {"versionInfo", std::move(version)},
                                    {"config", object{{"original", ""}}},
                                    {"uptime", format_instant(started)}}));
  });
  api.route(
      "GET", "/api/v1/incidents/{id}/alerts", Access::read,
      [&api](Call& call, Reply reply) {
        const std::string& id = call.request.params.at("id");
        if (!api.engine().incident(id)) {
          return reply(error_response(no_incident(id)));
        }
        array out;
        if (auto* intake = api.options().alerts) {
          auto alerts = intake->alerts_of(id);
          if (!alerts) return reply(error_response(alerts.error()));
          Instant now = api.engine().clock().now();
          auto silences = api.options().silences ? api.options().silences->all() : nullptr;
          for (const auto& r : *alerts) {
            out.push_back(alert_json(r, now, muted_by_now(silences.get(), r.alert.labels, now)));
          }
        }
        reply(json_response(200, object{{"alerts", out}}));
      },
      Pace::slow);
}

}  // namespace pactum::http
