#include "http/errors.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>

namespace pactum::http {

Error not_running(const std::string& component) {
  return {ErrorCode::unavailable, component + " is not running on this server", {}};
}

int status_for(const Error& e) {
  switch (e.code) {
    case ErrorCode::invalid_argument: return 400;
    case ErrorCode::permission_denied:
      // Auth marks "who are you?" failures with this field: 401, not 403.
      return e.field == "authentication" ? 401 : 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::failed_precondition: return 422;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::resource_exhausted: return 429;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  Response r;
  r.status = status;
  r.body = boost::json::serialize(boost::json::object{{"error", error}});
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"pactum\"");
  if (status == 503) r.headers.emplace_back("Retry-After", "1");
  return r;
}

Response error_response(const Error& e) {
  int status = status_for(e);
  std::string code = status == 401 ? "unauthenticated" : to_string(e.code);
  std::string field = e.field == "authentication" ? "" : e.field;
  Response r = error_response(status, code, e.message, field);
  if (status == 429) {
    auto seconds = std::max<std::int64_t>(1, e.retry_after.count());
    r.headers.emplace_back("Retry-After", std::to_string(seconds));
  }
  return r;
}

Response alertmanager_error_response(const Error& e) {
  Response r = error_response(e);
  std::string field = e.field == "authentication" ? "" : e.field;
  r.body = boost::json::serialize(boost::json::value(field.empty() ? e.message : field + ": " + e.message));
  return r;
}

}  // namespace pactum::http
