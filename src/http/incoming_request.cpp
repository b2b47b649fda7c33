#include "http/incoming_request.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

namespace pactum::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string framing_problem(const bhttp::request_header<>& header) {
  auto codings = header.equal_range(bhttp::field::transfer_encoding);
  if (codings.first == codings.second) return "";
  if (header.count(bhttp::field::content_length) > 0) {
    return "a request may not have both Content-Length and Transfer-Encoding";
  }
  if (header.version() < 11) return "an HTTP/1.0 request may not have a Transfer-Encoding";
  if (std::next(codings.first) != codings.second ||
      !beast::iequals(codings.first->value(), "chunked")) {
    return "Transfer-Encoding must be exactly \"chunked\"";
  }
  return "";
}

std::optional<Request> to_request(bhttp::request<bhttp::string_body>& msg,
                                  const std::string& remote, std::string& problem) {
  auto url = boost::urls::parse_origin_form(msg.target());
  if (!url) {
    problem = "the request target is not a valid path";
    return std::nullopt;
  }
  Request r;
  r.method = std::string(msg.method_string());
  r.path = url->path();
  if (r.path.empty()) r.path = "/";
  for (auto p : url->params()) {
    r.query[p.key] = p.value;
    r.query_list.emplace_back(p.key, p.value);
  }
  for (const auto& field : msg) r.headers[lower(field.name_string())] = std::string(field.value());
  r.body = std::move(msg.body());
  r.remote = remote;
  return r;
}

}  // namespace pactum::http
