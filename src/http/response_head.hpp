// The status line and headers Pactum sends before a response's body.
#pragma once

#include <string>

#include "http/request_response.hpp"

namespace pactum::http {

// The status line and headers of a response whose body is `r.body` (sent after them, but not
// for HEAD). Written here rather than by Beast's serializer, which took a fifth of the CPU of
// answering an alert: every response has this one shape.
// `version` is 10 or 11 (HTTP/1.0 or 1.1); `keep_alive` whether the connection stays open.
std::string response_head(const Response& r, unsigned version, bool keep_alive);

}  // namespace pactum::http
