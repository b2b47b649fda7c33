// Health and readiness, for load balancers and systemd, and the OpenAPI document.
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/errors.hpp"

namespace pactum::http {

using boost::json::object;

void add_health_routes(Api& api) {
  api.route("GET", "/healthz", Access::anonymous, [](Call&, Reply reply) {
    reply(json_response(200, object{{"status", "ok"}}));
  });

  // Slow: it asks the store, which may take its connect timeout to answer while it is away.
  api.route(
      "GET", "/readyz", Access::anonymous,
      [&api](Call&, Reply reply) {
        if (Status broken = api.engine().broken(); !broken.ok()) {
          return reply(error_response(
              Error{ErrorCode::unavailable,
                    "the event log could not be fully read: " + broken.error().message}));
        }
        // A store that cannot be reached (PostgreSQL restarting) takes no writes: a load
        // balancer sends the clients elsewhere meanwhile.
        if (auto head = api.log().head(); !head) {
          return reply(error_response(Error{
              ErrorCode::unavailable, "the store cannot be reached: " + head.error().message}));
        }
        auto plan = api.engine().plan();
        object body{{"status", "ready"},
                    {"plan_version", plan ? boost::json::value(plan->version) : nullptr},
                    {"events", api.engine().applied_seq()}};
        if (const auto* leadership = api.options().leadership) {
          body["scheduler"] = leadership->held() ? "leader" : "standby";
        }
        reply(json_response(200, std::move(body)));
      },
      Pace::slow);

  api.route("GET", "/api/openapi.yaml", Access::anonymous, [&api](Call&, Reply reply) {
    Response r;
    r.content_type = "application/yaml; charset=utf-8";
    r.body = api.options().openapi_yaml;
    reply(std::move(r));
  });
}

}  // namespace pactum::http
