// T5: silences, the maintenance windows both parties see. Alertmanager's v2 routes, so amtool
// (`amtool silence add|query|expire`) and Alertmanager's other clients manage them with a token
// of the `alerts` scope or a signed-in user's session (errors are a JSON string, as
// Alertmanager's); and Pactum's own read-only listing for the web app and scripts with the `read`
// scope. Recording them is engine/silences.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/alertmanager_query.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/silence_payloads.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

const Error kNoSilences = not_running("silences");

// Pactum's own shape (the API's snake_case), for GET /api/v1/silences.
object silence_json(const Silence& s, Instant now) {
  array matchers;
  for (const auto& m : s.matchers)
    matchers.push_back(object{{"name", m.label}, {"op", to_string(m.op)}, {"value", m.value}});
  return object{{"id", s.id},
                {"state", to_string(silence_state(s, now))},
                {"matchers", std::move(matchers)},
                {"starts_at", format_instant(s.starts_at)},
                {"ends_at", format_instant(s.ends_at)},
                {"updated_at", format_instant(s.updated_at)},
                {"created_by", s.created_by},
                {"comment", s.comment}};
}

// Every silence passing the filters, in Alertmanager's order (active, pending, expired).
std::vector<Silence> listed(engine::Silences& silences, const std::vector<Matcher>& filters,
                            Instant now) {
  std::vector<Silence> out;
  for (const auto& s : *silences.all()) {
    Labels as_labels;
    for (const auto& m : s.matchers) as_labels[m.label] = m.value;
    if (passes(filters, as_labels)) out.push_back(s);
  }
  sort_for_listing(out, now);
  return out;
}

}  // namespace

void add_silence_routes(Api& api) {
  api.route("GET", "/api/v2/silences", Access::alerts, [&api](Call& call, Reply reply) {
    auto* silences = api.options().silences;
    if (!silences) return reply(alertmanager_error_response(kNoSilences));
    auto filters = parse_filters(call.request.query_list);
    if (!filters) return reply(alertmanager_error_response(filters.error()));
    Instant now = api.engine().clock().now();
    array out;
    for (const auto& s : listed(*silences, *filters, now))
      out.push_back(gettable_silence_json(s, now));
    reply(json_response(200, out));
  });
  api.route("POST", "/api/v2/silences", Access::alerts, [&api](Call& call, Reply reply) {
    auto* silences = api.options().silences;
    if (!silences) return reply(alertmanager_error_response(kNoSilences));
    auto posted = parse_postable_silence(call.request.body);
    if (!posted) return reply(alertmanager_error_response(posted.error()));
    silences->create(std::move(posted->silence), posted->id, call.actor,
                     [reply](Result<std::string> id) {
                       if (!id) return reply(alertmanager_error_response(id.error()));
                       reply(json_response(200, object{{"silenceID", *id}}));
                     });
  });
  api.route("GET", "/api/v2/silence/{id}", Access::alerts, [&api](Call& call, Reply reply) {
    auto* silences = api.options().silences;
    if (!silences) return reply(alertmanager_error_response(kNoSilences));
    const std::string& id = call.request.params.at("id");
    auto s = silences->find(id);
    if (!s)
      return reply(alertmanager_error_response(
          Error{ErrorCode::not_found, fmt::format("no silence \"{}\"", id), {}}));
    reply(json_response(200, gettable_silence_json(*s, api.engine().clock().now())));
  });
  api.route("DELETE", "/api/v2/silence/{id}", Access::alerts, [&api](Call& call, Reply reply) {
    auto* silences = api.options().silences;
    if (!silences) return reply(alertmanager_error_response(kNoSilences));
    silences->expire(call.request.params.at("id"), call.actor, [reply](Status e) {
      if (!e.ok()) return reply(alertmanager_error_response(e.error()));
      Response r;  // Alertmanager answers with no body
      reply(std::move(r));
    });
  });
  api.route("GET", "/api/v1/silences", Access::read, [&api](Call&, Reply reply) {
    auto* silences = api.options().silences;
    if (!silences) return reply(error_response(kNoSilences));
    Instant now = api.engine().clock().now();
    array out;
    for (const auto& s : listed(*silences, {}, now)) out.push_back(silence_json(s, now));
    reply(json_response(200, object{{"silences", out}, {"now", format_instant(now)}}));
  });
}

}  // namespace pactum::http
