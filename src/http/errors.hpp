// The one table from error codes to HTTP statuses, and the error body every failure has:
// {"error": {"code": "invalid_argument", "message": "…", "field": "evidence[0].text",
// "reason": "field.required", "params": {}}}; except on the Alertmanager v2 routes added for its
// clients (silences, the alert listing), whose errors are a JSON string as Alertmanager's are, for
// amtool and the like read nothing else.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "http/request_response.hpp"

namespace pactum::http {

// Failures of the HTTP exchange itself, found before any handler runs.
enum class HttpProblem {
  bad_request,         // the framing or the request line is malformed
  method_not_allowed,  // the path exists, not with this method
  payload_too_large,   // the body is over --max-body-bytes
  headers_too_large,   // the headers are over the server's limit
};

// The one table from errors to HTTP statuses.
int status_for(ErrorCode code);
int status_for(HttpProblem problem);
// What a route answers when this server runs without the component behind it (tests build the
// API with only what they exercise): `unavailable`, naming the component.
Error not_running(const std::string& component);
Response error_response(const Error& e);
// The same status, the body a JSON string: "field: message".
Response alertmanager_error_response(const Error& e);
Response error_response(HttpProblem problem, const std::string& message);

}  // namespace pactum::http
