#include "planfile/yaml_cursor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace pactum::planfile {
namespace {

constexpr std::size_t kMaxDiagnostics = 200;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return fmt::format("\"{}\"", n.Scalar().substr(0, 60));
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "nothing";
  }
}

std::string join(std::initializer_list<const char*> values) {
  std::string out;
  for (const char* v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

}  // namespace

void YamlCursor::error(const std::string& path, std::string rule, std::string message) {
  if (diagnostics_.size() >= kMaxDiagnostics) {
    truncated_ = true;
    return;
  }
  diagnostics_.push_back(
      {{Severity::error, path, std::move(rule), std::move(message)}, std::nullopt});
}

void YamlCursor::mark(const Node& n) {
  if (!n.yaml.IsDefined()) return;
  auto m = n.yaml.Mark();
  if (m.line < 0) return;
  marks_.emplace(n.path, Location{m.line + 1, m.column + 1});
}

Location YamlCursor::locate(const std::string& path) const {
  // The nearest recorded ancestor: "contacts[2].email" falls back to "contacts[2]", then
  // "contacts".
  std::string p = path;
  while (true) {
    if (auto it = marks_.find(p); it != marks_.end()) return it->second;
    auto cut = p.find_last_of(".[");
    if (cut == std::string::npos || cut == 0) break;
    p.resize(cut);
  }
  if (auto it = marks_.find(""); it != marks_.end()) return it->second;
  return {};
}

std::vector<LocatedDiagnostic> YamlCursor::take_diagnostics() {
  std::vector<LocatedDiagnostic> out;
  for (auto& [d, where] : diagnostics_) {
    Location at = where ? *where : locate(d.path);
    out.push_back({std::move(d), at});
  }
  if (truncated_) {
    out.push_back({{Severity::error, "", "schema",
                    fmt::format("more errors follow; the first {} are shown", kMaxDiagnostics)},
                   {}});
  }
  diagnostics_.clear();
  return out;
}

bool YamlCursor::absent(const Node& n, bool required) {
  if (n.present()) return false;
  if (required) {
    auto dot = n.path.find_last_of('.');
    std::string key = dot == std::string::npos ? n.path : n.path.substr(dot + 1);
    error(n.path, "schema", fmt::format("\"{}\" is required", key));
  }
  return true;
}

bool YamlCursor::map(const Node& n, std::initializer_list<const char*> allowed,
                     std::initializer_list<const char*> required) {
  // An absent node was reported by whoever required it (or it is optional).
  if (!n.present()) return false;
  mark(n);
  if (!n.yaml.IsMap()) {
    error_at(n, fmt::format("expected a mapping, found {}", kind_name(n.yaml)));
    return false;
  }
  std::vector<std::string> seen;
  for (const auto& kv : n.yaml) {
    if (!kv.first.IsScalar()) {
      error_at(n, "keys must be plain names");
      continue;
    }
    const std::string& key = kv.first.Scalar();
    std::string child = n.path.empty() ? key : n.path + "." + key;
    bool known =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    bool duplicate = std::find(seen.begin(), seen.end(), key) != seen.end();
    seen.push_back(key);
    if (duplicate) {
      // Point at the second occurrence: the path's recorded mark is the first one.
      error(child, "schema", fmt::format("key \"{}\" appears twice", key));
      diagnostics_.back().second = Location{kv.first.Mark().line + 1, kv.first.Mark().column + 1};
      continue;
    }
    // A value's errors point at the value; a value that is empty points at its key.
    bool has_value = kv.second.IsDefined() && !kv.second.IsNull();
    mark(Node{known && has_value ? kv.second : kv.first, child});
    if (known) continue;
    const char* best = nullptr;
    std::size_t best_distance = 3;
    for (const char* a : allowed) {
      std::size_t d = edit_distance(key, a);
      if (d < best_distance && d <= std::max<std::size_t>(1, key.size() / 3)) {
        best = a;
        best_distance = d;
      }
    }
    if (best) {
      error(child, "schema", fmt::format("unknown key \"{}\"; did you mean \"{}\"?", key, best));
    } else {
      error(child, "schema",
            fmt::format("unknown key \"{}\" (expected one of: {})", key, join(allowed)));
    }
  }
  for (const char* key : required) {
    if (!n.yaml[key].IsDefined() || n.yaml[key].IsNull()) {
      error(n.path.empty() ? key : n.path + "." + key, "schema",
            fmt::format("\"{}\" is required{}", key,
                        n.path.empty() ? "" : fmt::format(" in {}", n.path)));
    }
  }
  return true;
}

Node YamlCursor::field(const Node& n, const char* key) const {
  std::string path = n.path.empty() ? key : n.path + "." + key;
  if (!n.present() || !n.yaml.IsMap()) return {YAML::Node(YAML::NodeType::Undefined), path};
  return {n.yaml[key], path};
}

std::optional<std::string> YamlCursor::str(const Node& n, bool required) {
  if (absent(n, required)) return std::nullopt;
  mark(n);
  if (!n.yaml.IsScalar()) {
    error_at(n, fmt::format("expected a text value, found {}", kind_name(n.yaml)));
    return std::nullopt;
  }
  return n.yaml.Scalar();
}

std::string YamlCursor::id(const Node& n) {
  auto s = str(n, true);
  if (!s) return {};
  bool ok = !s->empty() && s->size() <= 64 && std::all_of(s->begin(), s->end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (!ok) {
    error_at(n, fmt::format("\"{}\" is not a valid id (letters, digits, _ - . only; at most 64)",
                            s->substr(0, 80)));
  }
  return *s;
}

std::optional<bool> YamlCursor::boolean(const Node& n, bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  error_at(n, fmt::format("expected true or false, found \"{}\"", *s));
  return std::nullopt;
}

std::optional<long long> YamlCursor::integer(const Node& n, long long min, long long max,
                                             bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || ptr != s->data() + s->size()) {
    error_at(n, fmt::format("expected a whole number, found \"{}\"", *s));
    return std::nullopt;
  }
  if (v < min || v > max) {
    error_at(n, fmt::format("{} is out of range (expected {} to {})", v, min, max));
    return std::nullopt;
  }
  return v;
}

Text YamlCursor::text(const Node& n, bool required) {
  if (absent(n, required)) return {};
  if (!n.yaml.IsMap()) {
    mark(n);
    error_at(n,
             fmt::format("expected bilingual text {{zh: …, en: …}}, found {}", kind_name(n.yaml)));
    return {};
  }
  if (!map(n, {"zh", "en"}, {"zh", "en"})) return {};
  Text t;
  for (auto [key, target] : {std::pair{"zh", &t.zh}, std::pair{"en", &t.en}}) {
    Node part = field(n, key);
    auto value = str(part, false);
    if (!value) continue;
    if (value->find_first_not_of(" \t\r\n") == std::string::npos) {
      error_at(part, fmt::format("the {} text is empty", key));
    }
    *target = *value;
  }
  return t;
}

std::optional<Duration> YamlCursor::duration(const Node& n, bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  auto d = parse_duration(*s);
  if (!d) {
    error_at(n, fmt::format("\"{}\" is not a duration (expected a number and a unit: 30m, 2h, "
                            "3d, 5wd, 1w, 6mo, 1y)",
                            s->substr(0, 60)));
  }
  return d;
}

std::optional<int> YamlCursor::percent_basis_points(const Node& n, bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  // "5%", "2.5%", "12.25%"
  std::string v = *s;
  bool ok = v.size() >= 2 && v.back() == '%';
  long long whole = 0, frac = 0;
  if (ok) {
    v.pop_back();
    auto dot = v.find('.');
    std::string w = v.substr(0, dot);
    std::string f = dot == std::string::npos ? "" : v.substr(dot + 1);
    ok = !w.empty() && w.size() <= 3 && f.size() <= 2 &&
         std::all_of(w.begin(), w.end(), ::isdigit) && std::all_of(f.begin(), f.end(), ::isdigit);
    if (ok) {
      whole = std::stoll(w);
      while (f.size() < 2) f += '0';
      frac = std::stoll(f);
    }
  }
  if (!ok) {
    error_at(
        n, fmt::format("\"{}\" is not a percentage (expected e.g. 5% or 2.5%)", s->substr(0, 60)));
    return std::nullopt;
  }
  return static_cast<int>(whole * 100 + frac);
}

std::optional<Money> YamlCursor::money(const Node& n, bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  auto dot = s->find('.');
  std::string w = s->substr(0, dot);
  std::string f = dot == std::string::npos ? "" : s->substr(dot + 1);
  bool ok = !w.empty() && w.size() <= 15 && f.size() <= 2 &&
            std::all_of(w.begin(), w.end(), ::isdigit) &&
            std::all_of(f.begin(), f.end(), ::isdigit);
  if (!ok) {
    error_at(n, fmt::format("\"{}\" is not an amount (expected digits with at most two decimals, "
                            "e.g. 20000000 or 1500.50)",
                            s->substr(0, 60)));
    return std::nullopt;
  }
  while (f.size() < 2) f += '0';
  return Money{std::stoll(w) * 100 + std::stoll(f)};
}

std::optional<date::local_days> YamlCursor::day(const Node& n, bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  std::istringstream in(*s);
  date::year_month_day ymd{};
  in >> date::parse("%F", ymd);
  if (in.fail() || s->size() != 10 || !ymd.ok()) {
    error_at(n, fmt::format("\"{}\" is not a date (expected YYYY-MM-DD)", s->substr(0, 60)));
    return std::nullopt;
  }
  return date::local_days{ymd};
}

std::optional<std::string> YamlCursor::one_of(const Node& n,
                                              std::initializer_list<const char*> values,
                                              bool required) {
  auto s = str(n, required);
  if (!s) return std::nullopt;
  for (const char* v : values) {
    if (*s == v) return s;
  }
  error_at(n, fmt::format("\"{}\" is not allowed here (expected one of: {})", s->substr(0, 60),
                          join(values)));
  return std::nullopt;
}

std::optional<Deadline> YamlCursor::deadline(const Node& n, bool required) {
  if (absent(n, required)) return std::nullopt;
  if (!map(n, {"within", "from"}, {"within", "from"})) return std::nullopt;
  auto within = duration(field(n, "within"), false);
  auto from = one_of(
      field(n, "from"),
      {"discovered", "reported", "synced", "assessed", "level_set", "resolved", "review_submitted"},
      false);
  if (!within || !from) return std::nullopt;
  return Deadline{*within, *parse_anchor(*from)};
}

std::optional<Cadence> YamlCursor::cadence(const Node& n, bool required) {
  if (absent(n, required)) return std::nullopt;
  if (!map(n, {"every", "times", "owner"}, {"every"})) return std::nullopt;
  static const std::pair<const char*, Period> kPeriods[] = {
      {"day", Period::day},         {"week", Period::week},           {"month", Period::month},
      {"quarter", Period::quarter}, {"half_year", Period::half_year}, {"year", Period::year}};
  auto every =
      one_of(field(n, "every"), {"day", "week", "month", "quarter", "half_year", "year"}, false);
  auto times = integer(field(n, "times"), 1, 1000, false);
  if (!every) return std::nullopt;
  Cadence c;
  for (const auto& [name, p] : kPeriods) {
    if (*every == name) c.every = p;
  }
  c.times = static_cast<int>(times.value_or(1));
  // Who answers for the duty: a role, and a party id or "any" (the default). Plan validation
  // checks that both exist, at "<cadence>.owner.role" and "<cadence>.owner.party".
  Node owner = field(n, "owner");
  if (owner.present() && map(owner, {"role", "party"}, {"role"})) {
    c.owner = Owner{str(field(owner, "role"), false).value_or(""),
                    str(field(owner, "party"), false).value_or("any")};
  }
  return c;
}

std::vector<std::string> YamlCursor::strings(const Node& n, bool required) {
  std::vector<std::string> out;
  list(
      n,
      [&](const Node& item) {
        if (auto s = str(item)) out.push_back(*s);
      },
      required);
  return out;
}

void YamlCursor::list(const Node& n, const std::function<void(const Node&)>& each, bool required) {
  if (absent(n, required)) return;
  mark(n);
  if (!n.yaml.IsSequence()) {
    error_at(n, fmt::format("expected a list, found {}", kind_name(n.yaml)));
    return;
  }
  for (std::size_t i = 0; i < n.yaml.size(); ++i) {
    Node item{n.yaml[i], fmt::format("{}[{}]", n.path, i)};
    mark(item);
    each(item);
  }
}

}  // namespace pactum::planfile
