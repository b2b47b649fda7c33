#include "domain/governance/changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string_view>

namespace pactum::governance {
namespace {

namespace json = boost::json;

std::string key_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

void diff(const std::string& path, const json::value* a, const json::value* b,
          std::vector<Change>& out) {
  if (a && b && a->is_object() && b->is_object()) {
    const auto& oa = a->as_object();
    const auto& ob = b->as_object();
    for (const auto& [k, v] : oa) {
      diff(key_path(path, k), &v, ob.if_contains(k), out);
    }
    for (const auto& [k, v] : ob) {
      if (!oa.contains(k)) diff(key_path(path, k), nullptr, &v, out);
    }
    return;
  }
  if (a && b && a->is_array() && b->is_array()) {
    const auto& aa = a->as_array();
    const auto& ab = b->as_array();
    for (std::size_t i = 0; i < std::max(aa.size(), ab.size()); ++i) {
      diff(fmt::format("{}[{}]", path, i), i < aa.size() ? &aa[i] : nullptr,
           i < ab.size() ? &ab[i] : nullptr, out);
    }
    return;
  }
  if (a && b && *a == *b) return;
  out.push_back({path, a ? json::serialize(*a) : "", b ? json::serialize(*b) : ""});
}

// Whether `path` is `prefix` or lies under it ("fund.reserve" under "fund").
bool under(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

}  // namespace

std::vector<Change> changed_paths(const json::value& before, const json::value& after) {
  std::vector<Change> out;
  diff("", &before, &after, out);
  std::erase_if(out, [](const Change& c) { return c.path == "version"; });
  return out;
}

std::vector<std::string> major_changes_touched(const std::vector<std::string>& major,
                                               const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const auto& m : major) {
    bool touched = std::any_of(changes.begin(), changes.end(), [&](const Change& c) {
      return under(c.path, m) || under(m, c.path);
    });
    if (touched) out.push_back(m);
  }
  return out;
}

std::string change_summary(const std::vector<Change>& changes, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < changes.size() && i < limit; ++i) {
    const auto& c = changes[i];
    out += fmt::format("{}: {} → {}\n", c.path, c.before.empty() ? "(none)" : c.before,
                       c.after.empty() ? "(none)" : c.after);
  }
  if (changes.size() > limit) out += fmt::format("… and {} more\n", changes.size() - limit);
  return out;
}

}  // namespace pactum::governance
