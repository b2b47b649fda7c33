// The plan in force, its parties and roster (its versions, proposals and signatures:
// api_signing.cpp).
#include <boost/json.hpp>

#include "domain/training.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "planfile/plan_json.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;

object plan_info(const engine::ActivePlan& p) {
  return {{"version", p.version},
          {"sha256", p.sha256},
          {"activated_at", format_instant(p.activated_at)},
          {"activated_by", p.activated_by}};
}

}  // namespace

void add_plan_routes(Api& api) {
  api.route("GET", "/api/v1/plan", Access::read, [&api](Call&, Reply reply) {
    auto p = api.engine().plan();
    if (!p) {
      return reply(error_response(Error{ErrorCode::not_found, "no plan is in force yet"}));
    }
    object body = plan_info(*p);
    body["plan"] = planfile::plan_to_json(p->plan);
    reply(json_response(200, body));
  });

  api.route("GET", "/api/v1/parties", Access::read, [&api](Call&, Reply reply) {
    auto p = api.engine().plan();
    if (!p) return reply(error_response(Error{ErrorCode::not_found, "no plan is in force yet"}));
    auto plan = planfile::plan_to_json(p->plan);
    reply(json_response(200, object{{"parties", plan.at("parties")}}));
  });

  // C1, C3, C4: the contact group with each person's roles, and the backup channels. C2: each
  // person's last training and whether it is within the plan's training.valid_for.
  api.route("GET", "/api/v1/roster", Access::read, [&api](Call&, Reply reply) {
    auto p = api.engine().plan();
    if (!p) return reply(error_response(Error{ErrorCode::not_found, "no plan is in force yet"}));
    auto plan = planfile::plan_to_json(p->plan);
    auto* programme = api.options().programme;
    auto records = programme ? programme->records() : std::make_shared<const Programme>();
    Instant now = api.engine().clock().now();
    array contacts;
    for (const auto& c : plan.at("contacts").as_array()) {
      object entry = c.as_object();
      std::string id(c.at("id").as_string());
      array roles;
      for (const auto& r : p->plan.roles_of(id)) roles.emplace_back(r);
      entry["roles"] = roles;
      auto last = last_trained(*records, id);
      entry["training"] =
          object{{"last_trained", last ? boost::json::value(format_instant(*last)) : nullptr},
                 {"current", training_current(p->plan, last, now)}};
      contacts.push_back(entry);
    }
    reply(json_response(200, object{{"parties", plan.at("parties")},
                                    {"contacts", contacts},
                                    {"roles", plan.at("roles")},
                                    {"channels", plan.at("channels")}}));
  });
}

}  // namespace pactum::http
