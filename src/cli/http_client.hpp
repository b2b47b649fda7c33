// A small HTTP client (libcurl) for the commands that talk to a running server.
#pragma once

#include <string>

#include "domain/result.hpp"

namespace pactum::cli {

struct HttpReply {
  long status = 0;
  std::string body;
};

// `method` GET or POST; `body` JSON for POST. The token is sent as "Authorization: Bearer".
Result<HttpReply> http_call(const std::string& method, const std::string& url,
                            const std::string& token, const std::string& body = "");

}  // namespace pactum::cli
