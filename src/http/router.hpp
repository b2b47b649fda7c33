// Routes: method + path pattern ("/api/v1/incidents/{id}/assess") → handler. A path that matches
// with another method answers 405 with an Allow header; no match answers 404. The route table is
// also what the OpenAPI test compares with docs/openapi.yaml.
#pragma once

#include <string>
#include <vector>

#include "http/request_response.hpp"

namespace pactum::http {

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::vector<std::string> segments;  // the pattern split at '/', once, when the route is added
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  // Finds the route, fills req.params; nullptr with `allowed` filled (405) or empty (404).
  const Route* match(Request& req, std::vector<std::string>& allowed) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace pactum::http
