#include "http/alertmanager_query.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pactum::http {
namespace {

// Go's strconv.ParseBool, which Alertmanager's server uses.
std::optional<bool> boolean(const std::string& text) {
  for (const char* yes : {"1", "t", "T", "true", "TRUE", "True"}) {
    if (text == yes) return true;
  }
  for (const char* no : {"0", "f", "F", "false", "FALSE", "False"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<Matcher>> parse_filters(const QueryList& query) {
  std::vector<Matcher> out;
  for (const auto& [name, value] : query) {
    if (name != "filter") continue;
    auto m = parse_matcher_text(value);
    if (!m) return invalid("filter", m.error().message);
    out.push_back(std::move(*m));
  }
  return out;
}

Result<AlertQuery> parse_alert_query(const QueryList& query) {
  AlertQuery q;
  for (const auto& [name, value] : query) {
    bool* flag = name == "active"        ? &q.active
                 : name == "silenced"    ? &q.silenced
                 : name == "inhibited"   ? &q.inhibited
                 : name == "unprocessed" ? &q.unprocessed
                                         : nullptr;
    if (flag) {
      auto b = boolean(value);
      if (!b) return invalid(name, fmt::format("\"{}\" is not true or false", value.substr(0, 64)));
      *flag = *b;
    } else if (name == "receiver" && !value.empty()) {
      if (auto e = regex_error(value))
        return invalid(name, fmt::format("not a valid regular expression: {}", *e));
      q.receiver = Matcher{"receiver", MatchOp::regex, value};
    }
  }
  auto filters = parse_filters(query);
  if (!filters) return filters.error();
  q.filters = std::move(*filters);
  return q;
}

bool passes(const std::vector<Matcher>& filters, const Labels& labels) {
  return std::all_of(filters.begin(), filters.end(),
                     [&](const Matcher& m) { return matches(m, labels); });
}

}  // namespace pactum::http
