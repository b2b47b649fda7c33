#include "cli/incident_commands.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "cli/cli.hpp"
#include "cli/http_client.hpp"
#include "domain/time.hpp"

namespace pactum::cli {
namespace {

// Calls the API; prints the error (the server's message when it sent one) and returns nullopt.
std::optional<boost::json::value> call(const Remote& remote, const std::string& method,
                                       const std::string& path, const std::string& body,
                                       std::ostream& err) {
  if (remote.token.empty()) {
    err << "pactum: an API token is needed (--token or PACTUM_TOKEN; see `pactum token create`)\n";
    return std::nullopt;
  }
  auto reply = http_call(method, remote.server + path, remote.token, body);
  if (!reply) {
    err << "pactum: " << reply.error().message << "\n";
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto json = boost::json::parse(reply->body, ec);
  if (reply->status >= 400) {
    std::string message = reply->body;
    if (!ec && json.is_object() && json.as_object().contains("error")) {
      const auto& e = json.at("error").as_object();
      message = std::string(e.at("message").as_string());
      if (e.contains("field"))
        message += fmt::format(" (field {})", e.at("field").as_string().c_str());
    }
    err << "pactum: " << reply->status << ": " << message << "\n";
    return std::nullopt;
  }
  if (ec) {
    err << "pactum: the server's answer is not JSON\n";
    return std::nullopt;
  }
  return json;
}

std::string str(const boost::json::value& v, const char* key) {
  const auto* p = v.as_object().if_contains(key);
  if (!p || p->is_null()) return "-";
  if (p->is_string()) return std::string(p->as_string());
  return boost::json::serialize(*p);
}

}  // namespace

int incident_report(const Remote& remote, const ReportArgs& a, const Clock& clock,
                    std::ostream& out, std::ostream& err) {
  std::string discovered = a.discovered_at.empty() ? format_instant(clock.now()) : a.discovered_at;
  boost::json::object body{{"trigger", a.trigger},
                           {"phenomenon", a.phenomenon},
                           {"scope", a.scope},
                           {"cause_guess", a.cause_guess},
                           {"discovered_at", discovered},
                           {"responsible_party", a.responsible_party}};
  if (!a.condition.empty()) body["condition"] = a.condition;
  if (a.exercise) body["exercise"] = true;
  auto r = call(remote, "POST", "/api/v1/incidents", boost::json::serialize(body), err);
  if (!r) return kExitInvalid;
  const auto& incident = r->at("incident");
  out << str(incident, "id") << "\n";
  return kExitOk;
}

int incident_list(const Remote& remote, const std::string& status, bool exercises, bool json,
                  std::ostream& out, std::ostream& err) {
  // Every page: the list answers 200 at a time, each page naming the next by its cursor.
  boost::json::array incidents;
  std::string cursor;
  do {
    auto r = call(remote, "GET",
                  "/api/v1/incidents?limit=200&status=" + status +
                      (exercises ? "&exercise=true" : "") + cursor,
                  "", err);
    if (!r) return kExitInvalid;
    for (const auto& i : r->at("incidents").as_array()) incidents.push_back(i);
    const auto* next = r->as_object().if_contains("next_cursor");
    cursor = next ? "&cursor=" + std::string(next->as_string()) : "";
  } while (!cursor.empty());
  if (json) {
    out << boost::json::serialize(boost::json::object{{"incidents", incidents}}) << "\n";
    return kExitOk;
  }
  out << fmt::format("{:<15} {:<17} {:<6} {:<24} {}\n", "ID", "STATUS", "LEVEL", "REPORTED",
                     "PHENOMENON");
  for (const auto& i : incidents) {
    out << fmt::format("{:<15} {:<17} {:<6} {:<24} {}\n", str(i, "id"), str(i, "status"),
                       str(i, "level"), str(i, "reported_at"), str(i, "phenomenon"));
  }
  return kExitOk;
}

int incident_show(const Remote& remote, const std::string& id, std::ostream& out,
                  std::ostream& err) {
  auto r = call(remote, "GET", "/api/v1/incidents/" + id, "", err);
  if (!r) return kExitInvalid;
  out << fmt::format("{}  {}  level {}\n", str(*r, "id"), str(*r, "status"), str(*r, "level"));
  out << fmt::format("  {}\n  scope: {}\n  cause: {}\n", str(*r, "phenomenon"), str(*r, "scope"),
                     str(*r, "cause_guess"));
  out << "obligations:\n";
  for (const auto& o : r->at("obligations").as_array()) {
    out << fmt::format("  {:<9} {:<24} {:<4} {}\n", str(o, "state"), str(o, "due"), str(o, "rule"),
                       o.at("title").at("en").as_string().c_str());
  }
  out << "timeline:\n";
  for (const auto& e : r->at("timeline").as_array()) {
    out << fmt::format("  {:>5} {} {:<26} {}\n", str(e, "seq"), str(e, "at"), str(e, "type"),
                       str(e.at("actor"), "user"));
  }
  return kExitOk;
}

}  // namespace pactum::cli
