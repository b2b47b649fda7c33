// The one table from error codes to HTTP statuses, and the error body every failure has:
// {"error": {"code": "invalid_argument", "message": "…", "field": "evidence[0].text"}}; except on
// the Alertmanager v2 routes added for its clients (silences, the alert listing), whose errors are
// a JSON string as Alertmanager's are, for amtool and the like read nothing else.
#pragma once

#include <string>

#include "domain/result.hpp"
#include "http/message.hpp"

namespace pactum::http {

int status_for(const Error& e);
// What a route answers when this server runs without the component behind it (tests build the
// API with only what they exercise): `unavailable`, naming the component.
Error not_running(const std::string& component);
Response error_response(const Error& e);
// The same status, the body a JSON string: "field: message".
Response alertmanager_error_response(const Error& e);
Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field = "");

}  // namespace pactum::http
