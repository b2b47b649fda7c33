#include "http/router.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace pactum::http {
namespace {

template <typename Piece>
std::vector<Piece> split(std::string_view path) {
  std::vector<Piece> out;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    auto end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path,
             std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path[i].empty()) return false;
      found[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  auto segments = split<std::string>(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(handler), std::move(segments)});
}

const Route* Router::match(Request& req, std::vector<std::string>& allowed) const {
  allowed.clear();
  auto path = split<std::string_view>(req.path);
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(r.segments, path, params)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      req.params = std::move(params);
      return &r;
    }
    if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) {
      allowed.push_back(r.method);
    }
  }
  return nullptr;
}

}  // namespace pactum::http
