// HTTP requests and responses as plain values, so that handlers, routing and their tests do not
// see Beast (only server.cpp does).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pactum::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // decoded path without the query: "/api/v1/incidents/INC-2026-0001"
  std::map<std::string, std::string> query;  // decoded query parameters (of repeats, the last)
  // Every decoded query parameter in order, repeats included (Alertmanager's filter=…&filter=…).
  std::vector<std::pair<std::string, std::string>> query_list;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote;                         // peer address
  std::map<std::string, std::string> params;  // path parameters filled by the router: {id}, …

  const std::string& header(const std::string& lower_name) const;
  // The Content-Type's type/subtype, lower-case, without parameters or spaces ("" when absent):
  // "Application/JSON; charset=utf-8" is "application/json" (RFC 9110 8.3.1).
  std::string media_type() const;
  std::string cookie(const std::string& name) const;
};

// A live stream of server-sent events. The server calls open() once with a sink; the source
// calls the sink with complete SSE frames ("id: …\ndata: …\n\n") from any thread until close().
// The sink answers false once the stream has ended (the client left or fell too far behind).
class EventSource {
 public:
  using Sink = std::function<bool(std::string frame)>;
  virtual ~EventSource() = default;
  virtual void open(Sink sink) = 0;
  virtual void close() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<EventSource> events;  // set: the body is this event stream
};

using Reply = std::function<void(Response)>;
// Handlers may reply at once or later from another thread; exactly once.
using Handler = std::function<void(Request&, Reply)>;

}  // namespace pactum::http
