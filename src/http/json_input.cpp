#include "http/json_input.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

namespace pactum::http {
namespace {

const char* kind_of(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "a value";
}

}  // namespace

Result<Input> Input::parse(const std::string& body, bool allow_empty) {
  if (body.empty() && allow_empty) return Input({}, "", std::make_shared<Shared>());
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto v = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return invalid("", fmt::format("the body is not valid JSON: {}", ec.message()))
        .because("body.not_json");
  }
  if (!v.is_object()) {
    return invalid("", fmt::format("the body must be a JSON object, not {}", kind_of(v)))
        .because("body.not_json");
  }
  return Input(std::move(v.as_object()), "", std::make_shared<Shared>());
}

Input::Input(boost::json::object object, std::string prefix, std::shared_ptr<Shared> shared)
    : object_(std::move(object)), prefix_(std::move(prefix)), shared_(std::move(shared)) {}

std::string Input::path(const char* name) const {
  return prefix_.empty() ? name : prefix_ + "." + name;
}

void Input::fail(const std::string& path, std::string message, std::string reason,
                 ErrorParams params) {
  if (shared_->error.ok()) {
    shared_->error =
        invalid(path, std::move(message)).because(std::move(reason), std::move(params));
  }
}

const boost::json::value* Input::get(const char* name, bool required) {
  read_.insert(name);
  const auto* v = object_.if_contains(name);
  if (!v || v->is_null()) {
    if (required) fail(path(name), fmt::format("\"{}\" is required", path(name)), "field.required");
    return nullptr;
  }
  return v;
}

std::string Input::str(const char* name, bool required, std::size_t max_bytes) {
  const auto* v = get(name, required);
  if (!v) return "";
  if (!v->is_string()) {
    fail(path(name), fmt::format("\"{}\" must be a string, not {}", path(name), kind_of(*v)),
         "field.wrong_type");
    return "";
  }
  const auto& s = v->get_string();
  if (s.size() > max_bytes) {
    fail(path(name), fmt::format("\"{}\" is longer than {} bytes", path(name), max_bytes),
         "field.too_long", {{"max", std::to_string(max_bytes)}});
    return "";
  }
  return std::string(s);
}

std::optional<Instant> Input::instant(const char* name, bool required) {
  std::string s = str(name, required, 64);
  if (s.empty()) {
    if (required) fail(path(name), fmt::format("\"{}\" is required", path(name)), "field.required");
    return std::nullopt;
  }
  auto t = parse_instant(s);
  if (!t) {
    fail(path(name),
         fmt::format("\"{}\" must be an RFC 3339 time such as 2026-03-02T09:00:00+08:00",
                     path(name)),
         "field.bad_time");
  }
  return t;
}

std::optional<std::int64_t> Input::integer(const char* name, bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_int64()) {
    fail(path(name),
         fmt::format("\"{}\" must be a whole number of minor units (fen, cents)", path(name)),
         "field.wrong_type");
    return std::nullopt;
  }
  return v->get_int64();
}

bool Input::boolean(const char* name, bool fallback) {
  const auto* v = get(name, false);
  if (!v) return fallback;
  if (!v->is_bool()) {
    fail(path(name), fmt::format("\"{}\" must be true or false", path(name)), "field.wrong_type");
    return fallback;
  }
  return v->get_bool();
}

std::int64_t Input::integer(const char* name, std::int64_t min, std::int64_t max, bool required) {
  const auto* v = get(name, required);
  if (!v) return 0;
  if (!v->is_int64() || v->get_int64() < min || v->get_int64() > max) {
    fail(path(name),
         fmt::format("\"{}\" must be a whole number from {} to {}", path(name), min, max),
         "field.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return 0;
  }
  return v->get_int64();
}

std::vector<std::string> Input::strings(const char* name, bool required) {
  std::vector<std::string> out;
  const auto* v = get(name, required);
  if (!v) return out;
  if (!v->is_array()) {
    fail(path(name), fmt::format("\"{}\" must be an array of strings", path(name)),
         "field.wrong_type");
    return out;
  }
  for (const auto& item : v->get_array()) {
    if (!item.is_string()) {
      fail(path(name), fmt::format("\"{}\" must be an array of strings", path(name)),
           "field.wrong_type");
      return {};
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

std::vector<Input> Input::objects(const char* name, bool required) {
  std::vector<Input> out;
  const auto* v = get(name, required);
  if (!v) return out;
  if (!v->is_array()) {
    fail(path(name), fmt::format("\"{}\" must be an array of objects", path(name)),
         "field.wrong_type");
    return out;
  }
  const auto& arr = v->get_array();
  if (arr.size() > 1000) {
    fail(path(name), fmt::format("\"{}\" has more than 1000 items", path(name)), "field.too_many",
         {{"max", "1000"}});
    return out;
  }
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string p = fmt::format("{}[{}]", path(name), i);
    if (!arr[i].is_object()) {
      fail(p, fmt::format("\"{}\" must be an object", p), "field.wrong_type");
      return {};
    }
    out.push_back(Input(arr[i].get_object(), p, shared_));
  }
  return out;
}

std::optional<Input> Input::object(const char* name, bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    fail(path(name), fmt::format("\"{}\" must be an object", path(name)), "field.wrong_type");
    return std::nullopt;
  }
  return Input(v->get_object(), path(name), shared_);
}

Status Input::unknown_fields() const {
  for (const auto& kv : object_) {
    std::string key(kv.key());
    if (read_.contains(key)) continue;
    std::string known;
    for (const auto& k : read_) known += (known.empty() ? "" : ", ") + k;
    std::string p = prefix_.empty() ? key : prefix_ + "." + key;
    return invalid(p, fmt::format("unknown field \"{}\" (expected: {})", p, known))
        .because("field.unknown");
  }
  return {};
}

Status Input::finish() {
  if (!shared_->error.ok()) return shared_->error;
  return unknown_fields();
}

}  // namespace pactum::http
