// The incident list and its CSV export (V1, G5: closed and cancelled incidents stay reachable),
// filtered and paged by engine/incident_query over the read model; parameters: incident_params.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <limits>

#include "domain/incident_csv.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/incident_params.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

// The page the request asks for, or why not. `all`: every matching row (the export).
Result<engine::IncidentPage> page_of(Api& api, const Request& req, const Plan& plan, bool all) {
  auto query = incident_query_of(req, plan);
  if (!query) return query.error();
  if (all) {
    query->limit = std::numeric_limits<std::size_t>::max();
    query->after.reset();
  }
  engine::IncidentPage page;
  api.engine().read_incidents(
      [&](const auto& records) { page = engine::select_incidents(plan, records, *query); });
  return page;
}

}  // namespace

void add_incident_list_routes(Api& api) {
  api.route(
      "GET", "/api/v1/incidents", Access::read,
      [&api](Call& call, Reply reply) {
        Instant now = api.engine().clock().now();
        auto plan = api.engine().plan();
        if (!plan) {
          return reply(
              json_response(200, object{{"incidents", array{}}, {"now", format_instant(now)}}));
        }
        auto page = page_of(api, call.request, plan->plan, false);
        if (!page) return reply(error_response(page.error()));
        array out;
        for (const auto& [id, state] : page->incidents) {
          out.push_back(incident_summary_json(plan->plan, id, state, now));
        }
        object body{{"incidents", out}, {"now", format_instant(now)}};
        if (page->next) body["next_cursor"] = engine::encode_cursor(*page->next);
        reply(json_response(200, body));
      },
      Pace::slow);  // a text search reads every timeline's notes

  // The same filters, every matching row (limit and cursor do not apply), as a spreadsheet opens.
  api.route(
      "GET", "/api/v1/incidents.csv", Access::read,
      [&api](Call& call, Reply reply) {
        auto plan = api.engine().plan();
        if (!plan) return reply(error_response(precondition("no plan is in force")));
        auto page = page_of(api, call.request, plan->plan, true);
        if (!page) return reply(error_response(page.error()));
        Response r;
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        r.body = incidents_csv(plan->plan, page->incidents, api.engine().clock().now());
        reply(std::move(r));
      },
      Pace::slow);
}

}  // namespace pactum::http
