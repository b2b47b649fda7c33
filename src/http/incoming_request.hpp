// A request as Beast parsed it, checked and turned into the handlers' plain Request.
#pragma once

#include <boost/beast/http.hpp>
#include <optional>
#include <string>

#include "http/request_response.hpp"

namespace pactum::http {

// Why a request's framing cannot be trusted, or "" (RFC 9112 6.1, 6.3). Beast reads a body framed
// by Transfer-Encoding only when the codings end in one "chunked"; any other coding it takes to
// mean no body, and beside a Content-Length it may take the Content-Length. A proxy in front may
// read either otherwise, and the bytes after the header would be answered as a second request
// (smuggled past it). So exactly "chunked" or nothing, never both headers, never from HTTP/1.0
// (which has no transfer codings).
std::string framing_problem(const boost::beast::http::request_header<>& header);

// The handlers' Request: the path and query decoded, header names in lower case, the body moved
// out of `msg` (not copied: an alert batch may be a megabyte). An undecodable target sets
// `problem` and gives nothing.
std::optional<Request> to_request(boost::beast::http::request<boost::beast::http::string_body>& msg,
                                  const std::string& remote, std::string& problem);

}  // namespace pactum::http
