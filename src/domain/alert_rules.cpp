#include "domain/alert_rules.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>

#include "domain/digest.hpp"

namespace pactum {
namespace {

// RE2, as Prometheus and Alertmanager (Go's regexp is RE2): the same syntax, and matching in time
// linear in the value. std::regex backtracks: `(a*)*b` against a long label value never returned,
// and a silence's regex comes from whoever may post one, not from the signed plan.
RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);  // a bad pattern is reported to whoever wrote it, not logged
  return o;
}

// Compiled regexes, by pattern: plans and silences have few, alerts are many. Filters of a
// listing bring patterns of their own, so the cache starts over past a bound (a regex in use
// lives on with its users). RE2 matches from several threads at once.
std::shared_ptr<const RE2> compiled(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const RE2>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second;
  if (cache.size() >= 1024) cache.clear();
  return cache.emplace(pattern, std::make_shared<const RE2>(pattern, options())).first->second;
}

}  // namespace

std::optional<std::string> regex_error(const std::string& pattern) {
  RE2 re(pattern, options());
  if (re.ok()) return std::nullopt;
  return re.error();
}

std::string label_value(const Labels& labels, const std::string& name) {
  auto it = labels.find(name);
  return it == labels.end() ? std::string() : it->second;
}

const char* to_string(MatchOp op) {
  switch (op) {
    case MatchOp::equal:
      return "=";
    case MatchOp::not_equal:
      return "!=";
    case MatchOp::regex:
      return "=~";
    case MatchOp::not_regex:
      return "!~";
  }
  return "=";
}

std::optional<MatchOp> match_op_from(std::string_view text) {
  for (MatchOp op : {MatchOp::equal, MatchOp::not_equal, MatchOp::regex, MatchOp::not_regex}) {
    if (text == to_string(op)) return op;
  }
  return std::nullopt;
}

bool valid_label_name(std::string_view name) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

Result<Matcher> parse_matcher_text(std::string_view text) {
  // As Alertmanager's labels.ParseMatcher: name, operator, value, blanks around each ignored.
  auto bad = [&] {
    return invalid("", fmt::format("\"{}\" is not a matcher (name=value, name!=value, "
                                   "name=~regex or name!~regex)",
                                   text.substr(0, 200)));
  };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  while (i < text.size() && blank(text[i])) ++i;
  std::size_t name_start = i;
  auto name_char = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
           (!first && c >= '0' && c <= '9');
  };
  while (i < text.size() && name_char(text[i], i == name_start)) ++i;
  if (i == name_start) return bad();
  Matcher m;
  m.label = std::string(text.substr(name_start, i - name_start));
  while (i < text.size() && blank(text[i])) ++i;
  std::string_view rest = text.substr(i);
  if (rest.starts_with("=~")) {
    m.op = MatchOp::regex;
  } else if (rest.starts_with("!~")) {
    m.op = MatchOp::not_regex;
  } else if (rest.starts_with("!=")) {
    m.op = MatchOp::not_equal;
  } else if (rest.starts_with("=")) {
    m.op = MatchOp::equal;
  } else {
    return bad();
  }
  rest.remove_prefix(m.op == MatchOp::equal ? 1 : 2);
  while (!rest.empty() && blank(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && blank(rest.back())) rest.remove_suffix(1);
  bool quoted = rest.starts_with('"');
  if (quoted) rest.remove_prefix(1);
  auto unescaped_quote = [&] {
    return invalid(
        "", fmt::format("the value of \"{}\" has an unescaped double quote", text.substr(0, 200)));
  };
  for (std::size_t k = 0; k < rest.size(); ++k) {
    char c = rest[k];
    if (c == '\\' && k + 1 < rest.size()) {
      char next = rest[++k];
      if (next == 'n') {
        m.value += '\n';
      } else if (next == '"' || next == '\\') {
        m.value += next;
      } else {
        m.value += '\\';
        m.value += next;
      }
    } else if (c == '"') {
      if (!quoted || k + 1 != rest.size()) return unescaped_quote();
      quoted = false;  // the closing quote
    } else {
      m.value += c;
    }
  }
  if (quoted) return unescaped_quote();
  if (m.op == MatchOp::regex || m.op == MatchOp::not_regex) {
    if (auto e = regex_error(m.value)) {
      return invalid("", fmt::format("\"{}\" is not a valid regular expression: {}",
                                     m.value.substr(0, 200), *e));
    }
  }
  return m;
}

bool matches(const Matcher& m, const Labels& labels) {
  const std::string value = label_value(labels, m.label);
  switch (m.op) {
    case MatchOp::equal:
      return value == m.value;
    case MatchOp::not_equal:
      return value != m.value;
    // FullMatch: anchored at both ends, as Prometheus's ^(?:pattern)$.
    case MatchOp::regex:
      return RE2::FullMatch(value, *compiled(m.value));
    case MatchOp::not_regex:
      return !RE2::FullMatch(value, *compiled(m.value));
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

std::string fingerprint(const Labels& labels) {
  return fmt::format("{:016x}", fingerprint_key(labels));
}

}  // namespace pactum
