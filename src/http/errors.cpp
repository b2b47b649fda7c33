#include "http/errors.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdint>

namespace pactum::http {

Error not_running(const std::string& component) {
  return {ErrorCode::unavailable, component + " is not running on this server", {}};
}

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::permission_denied:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::failed_precondition:
      return 422;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::resource_exhausted:
      return 429;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

int status_for(HttpProblem problem) {
  switch (problem) {
    case HttpProblem::bad_request:
      return 400;
    case HttpProblem::method_not_allowed:
      return 405;
    case HttpProblem::payload_too_large:
      return 413;
    case HttpProblem::headers_too_large:
      return 431;
  }
  return 400;
}

namespace {

const char* to_string(HttpProblem problem) {
  switch (problem) {
    case HttpProblem::bad_request:
      return "bad_request";
    case HttpProblem::method_not_allowed:
      return "method_not_allowed";
    case HttpProblem::payload_too_large:
      return "payload_too_large";
    case HttpProblem::headers_too_large:
      return "headers_too_large";
  }
  return "bad_request";
}

// `reason` and `params` say exactly what went wrong, for a client to say it in its reader's
// language; the message stays English (logs, the CLI, curl).
Response error_body(int status, const std::string& code, const std::string& message,
                    const std::string& field, const std::string& reason,
                    const ErrorParams& params) {
  boost::json::object error{{"code", code}, {"message", message}, {"reason", reason}};
  if (!field.empty()) error["field"] = field;
  boost::json::object values;
  for (const auto& [k, v] : params) values[k] = v;
  error["params"] = std::move(values);
  Response r;
  r.status = status;
  r.body = boost::json::serialize(boost::json::object{{"error", error}});
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"pactum\"");
  if (status == 503) r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace

Response error_response(HttpProblem problem, const std::string& message) {
  return error_body(status_for(problem), to_string(problem), message, "", to_string(problem), {});
}

Response error_response(const Error& e) {
  int status = status_for(e.code);
  Response r = error_body(status, to_string(e.code), e.message, e.field, reason_of(e), e.params);
  if (status == 429) {
    auto seconds = std::max<std::int64_t>(1, e.retry_after.count());
    r.headers.emplace_back("Retry-After", std::to_string(seconds));
  }
  return r;
}

Response alertmanager_error_response(const Error& e) {
  Response r = error_response(e);
  r.body = boost::json::serialize(
      boost::json::value(e.field.empty() ? e.message : e.field + ": " + e.message));
  return r;
}

}  // namespace pactum::http
