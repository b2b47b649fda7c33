#include "http/response_head.hpp"

#include <boost/beast/http/status.hpp>

namespace pactum::http {

namespace bhttp = boost::beast::http;

std::string response_head(const Response& r, unsigned version, bool keep_alive) {
  // Header names and values come from handlers, never from a client; a control character in
  // one (a line break would end the header early) is dropped rather than sent.
  auto line = [](std::string& out, std::string_view name, std::string_view value) {
    for (std::string_view part : {name, std::string_view(": "), value}) {
      for (char c : part) {
        auto u = static_cast<unsigned char>(c);
        if ((u >= 0x20 && u != 0x7f) || u == '\t') out += c;
      }
    }
    out += "\r\n";
  };
  std::string out;
  out.reserve(160 + r.content_type.size());
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
  out += "\r\nServer: pactum\r\n";
  line(out, "Content-Type", r.content_type);
  out += "X-Content-Type-Options: nosniff\r\n";
  for (const auto& [k, v] : r.headers) line(out, k, v);
  if (version == 10 && keep_alive) out += "Connection: keep-alive\r\n";
  if (version != 10 && !keep_alive) out += "Connection: close\r\n";
  out += "Content-Length: ";
  out += std::to_string(r.body.size());
  out += "\r\n\r\n";
  return out;
}

}  // namespace pactum::http
