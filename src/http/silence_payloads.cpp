#include "http/silence_payloads.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

namespace pactum::http {
namespace json = boost::json;
namespace {

// Reads the fields of one JSON object, naming `where` + the field in every error.
class Fields {
 public:
  Fields(const json::object& o, std::string where) : o_(o), where_(std::move(where)) {}

  std::string path(const char* name) const { return where_.empty() ? name : where_ + "." + name; }

  Result<std::string> text(const char* name, bool required, std::size_t max_bytes) const {
    const auto* v = o_.if_contains(name);
    if (!v || v->is_null()) {
      if (required) return invalid(path(name), fmt::format("\"{}\" is required", name));
      return std::string();
    }
    if (!v->is_string()) return invalid(path(name), "must be a string");
    if (v->as_string().size() > max_bytes) {
      return invalid(path(name), fmt::format("at most {} bytes are accepted", max_bytes));
    }
    return std::string(v->as_string());
  }

  Result<bool> flag(const char* name, std::optional<bool> fallback) const {
    const auto* v = o_.if_contains(name);
    if (!v || v->is_null()) {
      if (!fallback)
        return invalid(path(name), fmt::format("\"{}\" is required (true or false)", name));
      return *fallback;
    }
    if (!v->is_bool()) return invalid(path(name), "must be true or false");
    return v->as_bool();
  }

  Result<Instant> instant(const char* name) const {
    auto t = text(name, true, 64);
    if (!t) return t.error();
    auto parsed = parse_instant(*t);
    if (!parsed) return invalid(path(name), fmt::format("\"{}\" is not an RFC 3339 time", *t));
    return *parsed;
  }

 private:
  const json::object& o_;
  std::string where_;
};

// Longer texts are refused by silence_error(), naming the limit; these only bound the parse.
constexpr std::size_t kMaxText = 1 << 16;

}  // namespace

Result<PostableSilence> parse_postable_silence(const std::string& body) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  auto v = json::parse(body, ec, {}, options);
  if (ec) return invalid("", fmt::format("the body is not valid JSON: {}", ec.message()));
  if (!v.is_object()) return invalid("", "the body must be a silence: a JSON object");
  Fields f(v.as_object(), "");
  PostableSilence out;
  Silence& s = out.silence;
  auto id = f.text("id", false, 64);
  if (!id) return id.error();
  out.id = *id;
  const auto* matchers = v.as_object().if_contains("matchers");
  if (!matchers || !matchers->is_array())
    return invalid("matchers", "\"matchers\" is required: a JSON array");
  std::size_t i = 0;
  for (const auto& item : matchers->as_array()) {
    std::string where = fmt::format("matchers[{}]", i++);
    if (!item.is_object()) return invalid(where, "a matcher must be a JSON object");
    Fields m(item.as_object(), where);
    auto name = m.text("name", true, kMaxText);
    auto value = m.text("value", true, kMaxText);
    auto regex = m.flag("isRegex", std::nullopt);
    auto equal = m.flag(
        "isEqual", true);  // Alertmanager's default: before 0.22 there were no negative matchers
    if (!name) return name.error();
    if (!value) return value.error();
    if (!regex) return regex.error();
    if (!equal) return equal.error();
    MatchOp op = *regex ? (*equal ? MatchOp::regex : MatchOp::not_regex)
                        : (*equal ? MatchOp::equal : MatchOp::not_equal);
    s.matchers.push_back(Matcher{std::move(*name), op, std::move(*value)});
  }
  auto starts = f.instant("startsAt");
  if (!starts) return starts.error();
  auto ends = f.instant("endsAt");
  if (!ends) return ends.error();
  auto created_by = f.text("createdBy", true, kMaxText);
  if (!created_by) return created_by.error();
  auto comment = f.text("comment", true, kMaxText);
  if (!comment) return comment.error();
  s.starts_at = *starts;
  s.ends_at = *ends;
  s.created_by = std::move(*created_by);
  s.comment = std::move(*comment);
  return out;
}

json::object gettable_silence_json(const Silence& s, Instant now) {
  json::array matchers;
  for (const auto& m : s.matchers) {
    bool regex = m.op == MatchOp::regex || m.op == MatchOp::not_regex;
    bool equal = m.op == MatchOp::equal || m.op == MatchOp::regex;
    matchers.push_back(json::object{
        {"name", m.label}, {"value", m.value}, {"isRegex", regex}, {"isEqual", equal}});
  }
  return json::object{{"id", s.id},
                      {"status", json::object{{"state", to_string(silence_state(s, now))}}},
                      {"updatedAt", format_instant(s.updated_at)},
                      {"matchers", std::move(matchers)},
                      {"startsAt", format_instant(s.starts_at)},
                      {"endsAt", format_instant(s.ends_at)},
                      {"createdBy", s.created_by},
                      {"comment", s.comment}};
}

}  // namespace pactum::http
