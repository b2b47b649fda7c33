#include "engine/alert_records.hpp"

#include <fmt/format.h>

#include <charconv>

#include "domain/canonical_json.hpp"
#include "domain/json_member.hpp"

namespace pactum::engine::alert_records {
namespace json = boost::json;
namespace {

void append_labels(std::string& out, const Labels& labels) {
  out += '{';
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ',';
    first = false;
    append_canonical_string(out, k);
    out += ':';
    append_canonical_string(out, v);
  }
  out += '}';
}

Labels labels_from(const json::value* v) {
  Labels out;
  if (!v || !v->is_object()) return out;
  for (const auto& [k, x] : v->as_object()) {
    if (x.is_string()) out.emplace(std::string(k), std::string(x.as_string()));
  }
  return out;
}

std::optional<json::object> parse_object(std::string_view payload) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

}  // namespace

std::string observed_alert(const std::string& fingerprint, const Alert& a,
                           const std::string& source) {
  std::string out;
  out.reserve(256 + a.generator_url.size() + [&] {
    std::size_t n = 0;
    for (const auto& [k, v] : a.labels) n += k.size() + v.size() + 6;
    for (const auto& [k, v] : a.annotations) n += k.size() + v.size() + 6;
    return n;
  }());
  out += "{\"annotations\":";
  append_labels(out, a.annotations);
  if (a.ends_at) {
    out += ",\"ends_at\":";
    append_canonical_string(out, format_instant(*a.ends_at));
  }
  out += ",\"fingerprint\":";
  append_canonical_string(out, fingerprint);
  out += ",\"generator_url\":";
  append_canonical_string(out, a.generator_url);
  out += ",\"labels\":";
  append_labels(out, a.labels);
  out += ",\"source\":";
  append_canonical_string(out, source);
  out += ",\"starts_at\":";
  append_canonical_string(out, format_instant(a.starts_at));
  out += '}';
  return out;
}

std::string observed_record(const std::vector<std::string_view>& alerts) {
  std::size_t bytes = 16;
  for (auto a : alerts) bytes += a.size() + 1;
  std::string payload;
  payload.reserve(bytes);
  payload += "{\"alerts\":[";
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    if (i != 0) payload += ',';
    payload += alerts[i];
  }
  payload += "]}";
  return payload;
}

std::vector<json::object> alert_objects(std::string_view type, std::string_view payload) {
  std::vector<json::object> out;
  auto o = parse_object(payload);
  if (!o) return out;
  if (type == kObservedOne) {
    out.push_back(std::move(*o));
    return out;
  }
  auto* list = o->if_contains("alerts");
  if (!list || !list->is_array()) return out;
  for (auto& v : list->as_array())
    out.push_back(v.is_object() ? std::move(v.as_object()) : json::object{});
  return out;
}

std::pair<Alert, std::string> alert_from(const json::object& o, Instant at) {
  Alert a;
  a.labels = labels_from(o.if_contains("labels"));
  a.annotations = labels_from(o.if_contains("annotations"));
  a.starts_at = parse_instant(string_member(o, "starts_at")).value_or(at);
  a.ends_at = parse_instant(string_member(o, "ends_at"));
  a.generator_url = string_member(o, "generator_url");
  return {std::move(a), string_member(o, "source")};
}

std::string linked_payload(const Linked& l) {
  json::object payload{{"fingerprint", l.fingerprint},
                       {"group_key", l.group_key},
                       {"incident", l.incident},
                       {"opened", l.opened}};
  if (l.starts_at) payload["starts_at"] = format_instant(*l.starts_at);
  return canonical_json(payload);
}

std::optional<Linked> linked_from(std::string_view payload) {
  auto o = parse_object(payload);
  if (!o) return std::nullopt;
  const auto* opened = o->if_contains("opened");
  return Linked{string_member(*o, "fingerprint"), string_member(*o, "group_key"),
                string_member(*o, "incident"), opened && opened->is_bool() && opened->as_bool(),
                parse_instant(string_member(*o, "starts_at"))};
}

std::optional<std::uint64_t> key_of(std::string_view hex) {
  std::uint64_t key = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), key, 16);
  if (ec != std::errc() || end != hex.data() + hex.size() || hex.size() != 16) return std::nullopt;
  return key;
}

std::string hex_of(std::uint64_t key) { return fmt::format("{:016x}", key); }

Actor machine(const std::string& source) { return Actor{"system:" + source, "", {}}; }

}  // namespace pactum::engine::alert_records
