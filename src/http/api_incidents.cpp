// Incidents: report, detail, and every command of their life; obligations across them. The list
// and its export: api_incident_list.cpp.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/exercise.hpp"
#include "domain/obligations.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/evidence_input.hpp"
#include "http/file_evidence.hpp"
#include "http/incident_params.hpp"
#include "http/json_input.hpp"
#include "http/permits_json.hpp"
#include "http/views.hpp"

namespace pactum::http {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// Parses the body into a command; the error names the field.
using Parser = std::function<Result<Command>(Input&, const Request&)>;

// The incident as `actor` sees it: the detail, with what they may do on it now.
value detail_for(const Plan& plan, const engine::IncidentRecord& record, const Actor& actor,
                 Instant now) {
  object out = incident_detail_json(plan, record, now).as_object();
  out["permissions"] = permits_json(plan, record.state, actor, now);
  return out;
}

void respond(Api& api, Reply reply, int status, const Actor& actor,
             const Result<engine::CommandOutcome>& r) {
  if (!r) return reply(error_response(r.error()));
  auto plan = api.engine().plan();
  auto record = api.engine().incident(r->incident_id);
  array events;
  for (const auto& e : r->events) events.push_back(event_json(e));
  object body{{"events", events}, {"duplicate", r->duplicate}};
  if (plan && record) {
    body["incident"] = detail_for(plan->plan, *record, actor, api.engine().clock().now());
  }
  Response resp = json_response(r->duplicate ? 200 : status, body);
  resp.headers.emplace_back("Location", "/api/v1/incidents/" + r->incident_id);
  reply(std::move(resp));
}

// The request's body as a command: parsed, then any field left over refused. `exercise`, if
// given, is set from the body's "exercise" (a report's).
Result<Command> command_of(const Request& request, const Parser& parse, bool* exercise = nullptr) {
  auto in = Input::parse(request.body, true);
  if (!in) return in.error();
  if (exercise) *exercise = in->boolean("exercise", false);
  auto command = parse(*in, request);
  if (!command) return command.error();
  if (Status e = in->finish(); !e.ok()) return e.error();
  return command;
}

// A POST route that turns its body into a command on the incident in the path.
void command_route(Api& api, const std::string& pattern, int status, Parser parse) {
  api.route("POST", pattern, Access::write, [&api, status, parse](Call& call, Reply reply) {
    auto command = command_of(call.request, parse);
    if (!command) return reply(error_response(command.error()));
    std::string id = call.request.params.count("id") ? call.request.params.at("id") : "";
    if (!id.empty() && !api.engine().incident(id)) {
      return reply(error_response(no_incident(id)));
    }
    api.engine().execute(
        id, std::move(*command), call.actor, call.request.header("idempotency-key"),
        [&api, status, reply, actor = call.actor](Result<engine::CommandOutcome> r) {
          respond(api, reply, status, actor, r);
        });
  });
}

Result<Command> parse_report(Input& in, const Request&) {
  cmd::Report r;
  r.trigger = in.str("trigger", true, 64);
  r.condition = in.str("condition", false, 64);
  r.phenomenon = in.str("phenomenon");
  r.scope = in.str("scope");
  r.cause_guess = in.str("cause_guess");
  auto discovered = in.instant("discovered_at");
  r.responsible_party = in.str("responsible_party", true, 64);
  r.reporting_party = in.str("reporting_party", false, 64);
  if (Status e = in.finish(); !e.ok()) return e.error();
  if (!discovered) return invalid("discovered_at", "\"discovered_at\" is required");
  r.discovered_at = *discovered;
  return Command{std::move(r)};
}

Result<Command> parse_review(Input& in, const Request&) {
  Review r;
  auto occurred = in.instant("occurred_at");
  r.location = in.str("location");
  r.responsible = in.str("responsible");
  r.direct_cause = in.str("direct_cause");
  r.indirect_cause = in.str("indirect_cause");
  std::string avoidability = in.str("avoidability", true, 32);
  r.avoidability_notes = in.str("avoidability_notes", false);
  for (auto& a : in.objects("actions")) {
    FollowUpAction action;
    action.id = a.str("id", true, 64);
    action.text = a.str("text");
    action.owner_role = a.str("owner_role", true, 64);
    action.due = a.instant("due", false);
    if (Status e = a.finish(); !e.ok()) return e.error();
    r.actions.push_back(std::move(action));
  }
  if (Status e = in.finish(); !e.ok()) return e.error();
  auto av = parse_avoidability(avoidability);
  if (!av) return invalid("avoidability", "avoidability is avoidable, partly or unavoidable");
  r.avoidability = *av;
  if (!occurred) return invalid("occurred_at", "\"occurred_at\" is required");
  r.occurred_at = *occurred;
  return Command{cmd::SubmitReview{std::move(r)}};
}

}  // namespace

Error no_incident(const std::string& id) {
  return Error{ErrorCode::not_found, fmt::format("no incident \"{}\"", id), {}}.because(
      "incident.not_found", {{"incident", id}});
}

void add_incident_routes(Api& api) {
  // P1; with "exercise": true, an exercise (V2): numbered EX-…, every message marked.
  api.route("POST", "/api/v1/incidents", Access::write, [&api](Call& call, Reply reply) {
    bool exercise = false;
    auto command = command_of(call.request, parse_report, &exercise);
    if (!command) return reply(error_response(command.error()));
    auto done = [&api, reply, actor = call.actor](Result<engine::CommandOutcome> r) {
      respond(api, reply, 201, actor, r);
    };
    std::string key = call.request.header("idempotency-key");
    if (exercise) {
      return api.engine().report_exercise(std::get<cmd::Report>(std::move(*command)), call.actor,
                                          std::move(key), std::move(done));
    }
    api.engine().execute("", std::move(*command), call.actor, std::move(key), std::move(done));
  });
  command_route(api, "/api/v1/incidents/{id}/sync", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::Sync{in.str("note", false)}};
                });
  command_route(api, "/api/v1/incidents/{id}/assess", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  cmd::Assess a{in.str("impact", true, 64), in.str("urgency", true, 64),
                                in.str("level", false, 64), in.str("reason", false)};
                  return Command{a};
                });
  command_route(api, "/api/v1/incidents/{id}/level", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::ChangeLevel{in.str("level", true, 64), in.str("reason")}};
                });
  command_route(api, "/api/v1/incidents/{id}/steps/{step}/complete", 200,
                [&api](Input& in, const Request& req) -> Result<Command> {
                  cmd::CompleteStep c{req.params.at("step"), {}};
                  if (Status e = read_evidence(in, c.evidence, true); !e.ok()) return e.error();
                  if (Status e = unstored_file_evidence(api.options().files, c.evidence); !e.ok())
                    return e.error();
                  return Command{c};
                });
  // S3: a supplier's quote for a quotes step, then the choice of one with a reason.
  command_route(api, "/api/v1/incidents/{id}/steps/{step}/quotes", 200,
                [](Input& in, const Request& req) -> Result<Command> {
                  cmd::RecordQuote c{req.params.at("step"), {}};
                  c.quote.supplier = in.str("supplier", false, 64);
                  c.quote.supplier_name = in.str("supplier_name", false, 200);
                  c.quote.amount = in.integer("amount").value_or(0);
                  if (auto t = in.instant("valid_until")) c.quote.valid_until = *t;
                  if (Status e = read_evidence(in, c.quote.evidence, true); !e.ok())
                    return e.error();
                  return Command{c};
                });
  command_route(api, "/api/v1/incidents/{id}/steps/{step}/quotes/choose", 200,
                [](Input& in, const Request& req) -> Result<Command> {
                  return Command{cmd::ChooseQuote{req.params.at("step"),
                                                  in.str("supplier", true, 200), in.str("reason")}};
                });
  // X1, X3: a third party the plan names for the incident's condition, engaged with evidence.
  command_route(api, "/api/v1/incidents/{id}/third-parties/{party}/engage", 200,
                [](Input& in, const Request& req) -> Result<Command> {
                  cmd::EngageThirdParty c{req.params.at("party"), {}};
                  if (Status e = read_evidence(in, c.evidence, true); !e.ok()) return e.error();
                  return Command{c};
                });
  command_route(api, "/api/v1/incidents/{id}/steps/{step}/waive", 200,
                [](Input& in, const Request& req) -> Result<Command> {
                  return Command{cmd::WaiveStep{req.params.at("step"), in.str("reason")}};
                });
  command_route(api, "/api/v1/incidents/{id}/notes", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::AddNote{in.str("text")}};
                });
  command_route(api, "/api/v1/incidents/{id}/resolve", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::Resolve{in.str("summary")}};
                });
  command_route(api, "/api/v1/incidents/{id}/review", 200, parse_review);
  command_route(api, "/api/v1/incidents/{id}/actions/{action}/complete", 200,
                [](Input& in, const Request& req) -> Result<Command> {
                  cmd::CompleteAction c{req.params.at("action"), {}};
                  if (Status e = read_evidence(in, c.evidence, true); !e.ok()) return e.error();
                  return Command{c};
                });
  command_route(api, "/api/v1/incidents/{id}/review/approve", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::ApproveReview{in.str("comment", false)}};
                });
  command_route(api, "/api/v1/incidents/{id}/close", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::Close{in.str("summary", false)}};
                });
  command_route(api, "/api/v1/incidents/{id}/cancel", 200,
                [](Input& in, const Request&) -> Result<Command> {
                  return Command{cmd::Cancel{in.str("reason")}};
                });

  api.route("GET", "/api/v1/incidents/{id}", Access::read, [&api](Call& call, Reply reply) {
    auto plan = api.engine().plan();
    auto record = api.engine().incident(call.request.params.at("id"));
    if (!plan || !record) return reply(error_response(no_incident(call.request.params.at("id"))));
    reply(json_response(200,
                        detail_for(plan->plan, *record, call.actor, api.engine().clock().now())));
  });

  // Obligations across open incidents: ?state=breached|open (default both), ?within=2h,
  // ?exercise= as for the list (real incidents' by default).
  api.route(
      "GET", "/api/v1/obligations", Access::read,
      [&api](Call& call, Reply reply) {
        auto plan = api.engine().plan();
        Instant now = api.engine().clock().now();
        std::string want = call.request.query.count("state") ? call.request.query.at("state") : "";
        std::optional<Instant> horizon;
        if (auto it = call.request.query.find("within"); it != call.request.query.end()) {
          auto d = parse_duration(it->second);
          if (!d || !plan)
            return reply(error_response(invalid("within", "within is a duration like 2h")));
          horizon = plan->plan.calendar.add(now, *d);
        }
        auto exercise = exercise_filter(call.request);
        if (!exercise) return reply(error_response(exercise.error()));
        array out;
        if (plan) {
          for (const auto& [id, state] : api.engine().incidents()) {
            if (state.finished() || (*exercise && **exercise != is_exercise(id))) continue;
            for (const auto& o : obligations(plan->plan, state, now)) {
              bool breached = o.state == ObligationState::breached && !o.done_at;
              bool open = o.state == ObligationState::open;
              if (!(breached || open)) continue;
              if (!want.empty() && want != to_string(o.state)) continue;
              if (horizon && open && (!o.due || *o.due > *horizon)) continue;
              object j = obligation_json(o).as_object();
              j["incident"] = id;
              out.push_back(j);
            }
          }
        }
        reply(json_response(200, object{{"obligations", out}, {"now", format_instant(now)}}));
      },
      Pace::slow);  // every open incident's obligations
}

}  // namespace pactum::http
