#include "http/alert_payloads.hpp"

#include <fmt/format.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <cstddef>
#include <optional>
#include <set>

namespace pactum::http {
namespace json = boost::json;
namespace {

// Where a body's document lives: one growing buffer, released at once (a batch of alerts is
// thousands of small strings, and allocating each from the heap cost a third of the parse). On
// the stack for a body of a few alerts: a first block from the heap took malloc's slow path on
// every request.
class Arena {
 public:
  explicit Arena(std::size_t body_bytes) {
    std::size_t want = 2 * body_bytes + 1024;
    if (want <= sizeof stack_) {
      resource_.emplace(stack_, sizeof stack_);
    } else {
      resource_.emplace(want);
    }
  }
  json::monotonic_resource& resource() { return *resource_; }

 private:
  alignas(std::max_align_t) unsigned char stack_[8192];
  std::optional<json::monotonic_resource> resource_;
};

Result<json::value> parse_json(const std::string& body, Arena& arena) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  auto v = json::parse(body, ec, &arena.resource(), options);
  if (ec) return invalid("", fmt::format("the body is not valid JSON: {}", ec.message()));
  return v;
}

// Where an alert sits in the body ("alerts[3]", or "" for a body that is one alert): spelled out
// only for an error, not for every alert read.
struct Where {
  std::string_view list;
  std::optional<std::size_t> index;
  operator std::string() const {
    return index ? fmt::format("{}[{}]", list, *index) : std::string(list);
  }
  std::string operator+(std::string_view field) const { return std::string(*this).append(field); }
};

// Reads one alert object. Errors name `where` + the field.
class AlertReader {
 public:
  AlertReader(Instant now, const AlertLimits& limits) : now_(now), limits_(limits) {}

  Result<Alert> read(const json::value& v, const Where& where) {
    if (!v.is_object()) return invalid(where, "an alert must be a JSON object");
    const auto& o = v.as_object();
    Alert a;
    if (Status e = labels(o, "labels", where, true, a.labels); !e.ok()) return e.error();
    if (Status e = labels(o, "annotations", where, false, a.annotations); !e.ok()) return e.error();
    // Alertmanager's "no time" is Go's zero time.
    auto starts = instant(o, "startsAt", where);
    if (!starts.ok()) return starts.error();
    auto ends = instant(o, "endsAt", where);
    if (!ends.ok()) return ends.error();
    a.starts_at = starts->value_or(now_);
    a.ends_at = *ends;
    if (const auto* url = o.if_contains("generatorURL"); url && !url->is_null()) {
      if (!url->is_string()) return invalid(where + ".generatorURL", "must be a string");
      a.generator_url = std::string(url->as_string());
    }
    // The webhook says "resolved" with an endsAt; believe the endsAt, but a resolved alert
    // without one ended when it was sent.
    if (const auto* status = o.if_contains("status");
        status && status->is_string() && status->as_string() == "resolved" && !a.ends_at) {
      a.ends_at = now_;
    }
    if (Status e = alert_error(a, "", now_, limits_); !e.ok()) {
      Error located = e.error();
      located.field = where + located.field;
      return located;
    }
    return a;
  }

 private:
  Status labels(const json::object& o, const char* name, const Where& where, bool required,
                Labels& out) {
    const auto* v = o.if_contains(name);
    auto path = [&] { return where + "." + name; };
    if (!v || v->is_null()) {
      if (required) return invalid(path(), fmt::format("\"{}\" is required", name));
      return {};
    }
    if (!v->is_object())
      return invalid(path(), "must be an object of label names to string values");
    for (const auto& [key, value] : v->as_object()) {
      if (!value.is_string())
        return invalid(path() + "." + std::string(key), "a label value must be a string");
      out.emplace(std::string(key), std::string(value.as_string()));
    }
    return {};
  }

  Result<std::optional<Instant>> instant(const json::object& o, const char* name,
                                         const Where& where) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return std::optional<Instant>{};
    if (!v->is_string()) return invalid(where + "." + name, "must be an RFC 3339 time string");
    std::string_view text = v->as_string();
    if (text.starts_with("0001-01-01T00:00:00")) return std::optional<Instant>{};
    auto t = parse_instant(text);
    if (!t)
      return invalid(where + "." + name,
                     fmt::format("\"{}\" is not an RFC 3339 time", text.substr(0, 64)));
    return std::optional<Instant>{*t};
  }

  Instant now_;
  const AlertLimits& limits_;
};

Result<std::vector<Alert>> read_list(const json::value& list, const std::string& where, Instant now,
                                     const AlertBatchLimits& limits) {
  if (!list.is_array()) return invalid(where, "must be a JSON array of alerts");
  const auto& items = list.as_array();
  if (items.size() > limits.max_alerts) {
    return invalid(where, fmt::format("{} alerts in one request; at most {} are accepted",
                                      items.size(), limits.max_alerts));
  }
  AlertReader reader(now, limits.alert);
  std::vector<Alert> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto a = reader.read(items[i], Where{where, i});
    if (!a.ok()) return a.error();
    out.push_back(std::move(a).value());
  }
  return out;
}

}  // namespace

Result<std::vector<Alert>> parse_v2_alerts(const std::string& body, Instant now,
                                           const AlertBatchLimits& limits) {
  Arena arena(body.size());
  auto v = parse_json(body, arena);
  if (!v.ok()) return v.error();
  return read_list(*v, "alerts", now, limits);
}

Result<std::vector<Alert>> parse_webhook_v4(const std::string& body, Instant now,
                                            const AlertBatchLimits& limits) {
  Arena arena(body.size());
  auto v = parse_json(body, arena);
  if (!v.ok()) return v.error();
  if (!v->is_object()) return invalid("", "the body must be an Alertmanager webhook object");
  const auto& o = v->as_object();
  const auto* version = o.if_contains("version");
  if (!version || !version->is_string() || version->as_string() != "4") {
    return invalid("version",
                   "only version \"4\" of the Alertmanager webhook payload is understood");
  }
  const auto* alerts = o.if_contains("alerts");
  if (!alerts) return invalid("alerts", "\"alerts\" is required");
  return read_list(*alerts, "alerts", now, limits);
}

Result<Alert> parse_generic_alert(const std::string& body, Instant now, const AlertLimits& limits) {
  Arena arena(body.size());
  auto v = parse_json(body, arena);
  if (!v.ok()) return v.error();
  if (!v->is_object()) return invalid("", "the body must be a JSON object");
  const auto& o = v->as_object();
  auto text = [&](const char* name, bool required, std::string& out) -> Status {
    const auto* f = o.if_contains(name);
    if (!f || f->is_null()) {
      if (required) return invalid(name, fmt::format("\"{}\" is required", name));
      return {};
    }
    if (!f->is_string()) return invalid(name, "must be a string");
    out = std::string(f->as_string());
    return {};
  };
  for (const auto& [key, _] : o) {
    static const std::set<std::string_view> known{"name",        "labels", "summary",
                                                  "description", "status", "at"};
    if (!known.contains(key))
      return invalid(std::string(key), fmt::format("unknown field \"{}\"", std::string(key)));
  }
  std::string name, summary, description, status = "firing", at;
  for (auto e : {text("name", true, name), text("summary", false, summary),
                 text("description", false, description), text("status", false, status),
                 text("at", false, at)}) {
    if (!e.ok()) return e.error();
  }
  if (status != "firing" && status != "resolved")
    return invalid("status", "must be \"firing\" or \"resolved\"");
  Instant when = now;
  if (!at.empty()) {
    auto t = parse_instant(at);
    if (!t) return invalid("at", fmt::format("\"{}\" is not an RFC 3339 time", at.substr(0, 64)));
    when = *t;
  }
  // The generic form is one alert in Alertmanager's shape: reuse its reader for labels and checks.
  json::object shaped;
  if (const auto* labels = o.if_contains("labels"))
    shaped["labels"] = *labels;
  else
    shaped["labels"] = json::object{};
  if (!shaped["labels"].is_object())
    return invalid("labels", "must be an object of label names to string values");
  shaped["labels"].as_object()["alertname"] = name;
  json::object annotations;
  if (!summary.empty()) annotations["summary"] = summary;
  if (!description.empty()) annotations["description"] = description;
  shaped["annotations"] = std::move(annotations);
  shaped["startsAt"] = format_instant(when);
  if (status == "resolved") shaped["endsAt"] = format_instant(when);
  AlertReader reader(now, limits);
  auto a = reader.read(shaped, Where{"", std::nullopt});
  if (!a.ok()) {
    Error e = a.error();
    if (e.field.starts_with('.')) e.field.erase(0, 1);
    if (e.field == "labels.alertname") e.field = "name";
    if (e.field == "startsAt") e.field = "at";
    return e;
  }
  a->start_given = !at.empty();
  return a;
}

}  // namespace pactum::http
