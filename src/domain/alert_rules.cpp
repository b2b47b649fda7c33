#include "domain/alert_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <regex>

#include "domain/digest.hpp"

namespace pactum {
namespace {

// Compiled, anchored regexes, by pattern (plans are few, alerts are many).
const std::regex& compiled(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::regex> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    it = cache.emplace(pattern, std::regex("^(?:" + pattern + ")$", std::regex::ECMAScript)).first;
  }
  return it->second;
}

}  // namespace

std::optional<std::string> regex_error(const std::string& pattern) {
  try {
    std::regex("^(?:" + pattern + ")$", std::regex::ECMAScript);
    return std::nullopt;
  } catch (const std::regex_error& e) {
    return std::string(e.what());
  }
}

std::string label_value(const Labels& labels, const std::string& name) {
  auto it = labels.find(name);
  return it == labels.end() ? std::string() : it->second;
}

bool matches(const Matcher& m, const Labels& labels) {
  const std::string value = label_value(labels, m.label);
  switch (m.op) {
    case MatchOp::equal: return value == m.value;
    case MatchOp::not_equal: return value != m.value;
    case MatchOp::regex: return std::regex_match(value, compiled(m.value));
    case MatchOp::not_regex: return !std::regex_match(value, compiled(m.value));
  }
  return false;
}

std::vector<AlertMatch> match_alert(const Plan& plan, const Labels& labels) {
  std::vector<AlertMatch> out;
  for (const auto& t : plan.triggers) {
    for (const auto& c : t.conditions) {
      if (!c.alert || c.alert->match.empty()) continue;
      bool all = std::all_of(c.alert->match.begin(), c.alert->match.end(),
                             [&](const Matcher& m) { return matches(m, labels); });
      if (!all) continue;
      std::string key = c.id;
      for (const auto& g : c.alert->group_by) key += "|" + g + "=" + label_value(labels, g);
      out.push_back({&t, &c, key});
    }
  }
  return out;
}

std::uint64_t fingerprint_key(const Labels& labels) {
  thread_local Sha256 sha;
  sha.start();
  for (const auto& [k, v] : labels) {
    sha.add(k);
    sha.add("\x01");
    sha.add(v);
    sha.add("\x02");
  }
  auto hex = sha.finish_hex();
  std::uint64_t key = 0;
  std::from_chars(hex.data(), hex.data() + 16, key, 16);
  return key;
}

std::string fingerprint(const Labels& labels) { return fmt::format("{:016x}", fingerprint_key(labels)); }

}  // namespace pactum
