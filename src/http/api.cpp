// Api: routing, authentication, authorisation and metrics, in one place for every route.
#include "http/api.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>

#include "http/errors.hpp"
#include "obs/log.hpp"

namespace pactum::http {
namespace {

const char* scope_for(Access access) {
  switch (access) {
    case Access::read:
      return "read";
    case Access::write:
      return "write";
    case Access::alerts:
      return "alerts";
    case Access::backups:
      return "backups";
    case Access::admin:
      return "admin";
    case Access::metrics:
      return "metrics";
    case Access::anonymous:
      return "";
  }
  return "";
}

bool unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Whether a route takes a body of this media type. Only JSON for almost every route, so a body a
// cross-site HTML form can send (text/plain, urlencoded, multipart) is refused: with SameSite
// cookies and the CSRF header this closes forged requests, sign-in included.
bool takes(Body body, const std::string& type) {
  switch (body) {
    case Body::json:
      return type == "application/json";
    case Body::ignored:
    case Body::file:
      return true;
  }
  return false;
}

// Compares secrets in time independent of where they differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Response json_response(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Api::Api(engine::Engine& engine, engine::Auth& auth, store::EventLog& log, obs::Metrics& metrics,
         engine::Scheduler* scheduler, ApiOptions options)
    : engine_(engine),
      auth_(auth),
      log_(log),
      metrics_(metrics),
      scheduler_(scheduler),
      options_(std::move(options)) {
  metrics_.describe("pactum_http_requests_total", "counter", "HTTP requests by route and status.");
  metrics_.describe("pactum_http_request_duration_seconds", "histogram",
                    "Time to answer an HTTP request, by route.");
  add_session_routes(*this);
  add_plan_routes(*this);
  add_incident_routes(*this);
  add_incident_list_routes(*this);
  add_external_message_routes(*this);
  add_health_routes(*this);
  add_metrics_routes(*this);
  add_event_routes(*this);
  add_dev_clock_routes(*this);
  add_message_routes(*this);
  add_mailbox_routes(*this);
  add_alert_routes(*this);
  add_silence_routes(*this);
  add_log_routes(*this);
  add_signing_routes(*this);
  add_document_routes(*this);
  add_programme_routes(*this);
  add_fund_routes(*this);
  add_backup_routes(*this);
  add_calendar_routes(*this);
  add_file_routes(*this);
}

std::string Api::client_address(const Request& req) const {
  const auto& proxies = options_.trusted_proxies;
  const std::string& forwarded = req.header("x-forwarded-for");
  if (forwarded.empty() || std::find(proxies.begin(), proxies.end(), req.remote) == proxies.end()) {
    return req.remote;
  }
  // The proxy appends the address it saw; entries before it are the client's say-so.
  auto comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  auto first = last.find_first_not_of(" \t");
  auto end = last.find_last_not_of(" \t");
  return first == std::string::npos ? req.remote : last.substr(first, end - first + 1);
}

void Api::route(const std::string& method, const std::string& pattern, Access access, CallHandler h,
                Pace pace, Body body) {
  Handler handler = [this, access, body, h = std::move(h)](Request& req, Reply reply) {
    Call call{req, std::nullopt, {}};
    if (unsafe(req.method) && !req.body.empty()) {
      std::string type = req.media_type();
      if (!takes(body, type)) {
        std::string sent =
            type.empty() ? "a body without a Content-Type" : "a body of type " + type;
        std::string wanted = body == Body::json ? "JSON (Content-Type: application/json)"
                                                : "JSON or YAML (Content-Type: application/yaml)";
        return reply(error_response(Error{
            ErrorCode::unsupported_media_type,
            fmt::format("{} {} does not take {}: send {}", req.method, req.path, sent, wanted),
            {}}));
      }
    }
    if (access != Access::anonymous) {
      const std::string& authorization = req.header("authorization");
      bool token = authorization.rfind("Bearer ", 0) == 0;
      auto caller = token ? auth_.from_token(authorization.substr(7))
                          : auth_.from_session(req.cookie("pactum_session"));
      if (!caller) return reply(error_response(caller.error()));
      if (token) {
        const auto& scopes = caller->scopes;
        std::string need = scope_for(access);
        if (std::find(scopes.begin(), scopes.end(), need) == scopes.end()) {
          return reply(
              error_response(denied(fmt::format("this token lacks the \"{}\" scope", need))));
        }
      } else if (unsafe(req.method) && !same_secret(req.header("x-csrf-token"), caller->csrf)) {
        return reply(error_response(
            denied("missing or wrong X-CSRF-Token header (sent at sign-in and by GET /api/v1/me)")
                .because("auth.csrf")));
      }
      if (access == Access::admin && !caller->user.admin) {
        return reply(error_response(denied("administrators only").because("auth.admin_only")));
      }
      auto plan = engine_.plan();
      call.actor = plan ? engine::actor_for(plan->plan, caller->user)
                        : Actor{caller->user.id, caller->user.party, {}};
      call.caller = std::move(caller.value());
    }
    h(call, std::move(reply));
  };
  if (pace == Pace::slow) {
    // The request lives until it is answered (its connection waits for the reply).
    handler = [this, pattern, inner = std::move(handler)](Request& req, Reply reply) {
      slow_.post([&req, reply, &inner, pattern] {
        try {
          inner(req, reply);
        } catch (const std::exception& e) {
          obs::log(obs::Level::error, "handler failed", {{"path", pattern}, {"error", e.what()}});
          reply(error_response(
              Error{ErrorCode::internal, "the server failed to answer this request"}));
        }
      });
    };
  }
  router_.add(method, pattern, std::move(handler));
}

namespace {
// Labels come from fixed sets: a client must not be able to mint new metric series.
const std::array<std::string, 8> kMethods = {"GET",   "HEAD",   "POST",    "PUT",
                                             "PATCH", "DELETE", "OPTIONS", "other"};
const std::string kUnmatched = "unmatched";
const std::string kNotAllowed = "method_not_allowed";
}  // namespace

void Api::count_request(const std::string* route, std::size_t method, int status, double seconds,
                        bool timed) {
  obs::Metrics::Counter* count;
  obs::Metrics::Histogram* duration = nullptr;
  {
    std::lock_guard lock(series_mutex_);
    auto& c = request_counts_[{route, method, status}];
    if (!c) {
      c = &metrics_.counter(
          "pactum_http_requests_total",
          {{"method", kMethods[method]}, {"route", *route}, {"status", std::to_string(status)}});
    }
    count = c;
    if (timed) {
      auto& d = request_durations_[route];
      if (!d) d = &metrics_.histogram("pactum_http_request_duration_seconds", {{"route", *route}});
      duration = d;
    }
  }
  count->add();
  if (duration) duration->observe(seconds);
}

void Api::handle(Request& req, Reply reply) {
  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> allowed;
  const Route* route = router_.match(req, allowed);
  const std::string* label =
      route ? &route->pattern : (allowed.empty() ? &kUnmatched : &kNotAllowed);
  std::size_t method =
      std::find(kMethods.begin(), kMethods.end() - 1, req.method) - kMethods.begin();
  // The path is copied: a handler that (wrongly) replied twice must not read a request the server
  // has already let go of.
  auto done = [this, label, started, method, path = req.path,
               reply = std::move(reply)](Response r) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    count_request(label, method, r.status, seconds, !r.events);
    if (obs::log_enabled(obs::Level::debug) || r.status >= 500) {
      obs::log(r.status >= 500 ? obs::Level::error : obs::Level::debug, "request",
               {{"method", kMethods[method]},
                {"path", path},
                {"status", r.status},
                {"seconds", seconds}});
    }
    reply(std::move(r));
  };
  if (!route && allowed.empty() && (req.method == "GET" || req.method == "HEAD")) {
    if (auto file = options_.web.serve(req.path)) return done(std::move(*file));
  }
  if (!route) {
    if (allowed.empty()) {
      return done(error_response(
          Error{ErrorCode::not_found, fmt::format("no such resource: {}", req.path)}));
    }
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = error_response(
        HttpProblem::method_not_allowed,
        fmt::format("{} does not accept {} (allowed: {})", req.path, req.method, allow));
    r.headers.emplace_back("Allow", allow);
    return done(std::move(r));
  }
  try {
    route->handler(req, done);
  } catch (const std::exception& e) {
    obs::log(obs::Level::error, "handler failed", {{"path", req.path}, {"error", e.what()}});
    done(error_response(Error{ErrorCode::internal, "the server failed to answer this request"}));
  }
}

}  // namespace pactum::http
