#include "engine/silences.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/event_json.hpp"
#include "domain/json_member.hpp"
#include "engine/streams.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

const std::string kStream(kSilenceStream);
constexpr const char* kCreated = "silence.created";
constexpr const char* kExpired = "silence.expired";

// A random (version 4) UUID, as Alertmanager's silence ids are.
std::string new_id() {
  std::array<unsigned char, 16> b;
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  std::string hex;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) hex += '-';
    hex += fmt::format("{:02x}", b[i]);
  }
  return hex;
}

json::object created_payload(const Silence& s, const std::string& replaces) {
  json::array matchers;
  for (const auto& m : s.matchers) {
    matchers.push_back(
        json::object{{"name", m.label}, {"op", to_string(m.op)}, {"value", m.value}});
  }
  json::object o{{"id", s.id},
                 {"matchers", std::move(matchers)},
                 {"starts_at", format_instant(s.starts_at)},
                 {"ends_at", format_instant(s.ends_at)},
                 {"created_by", s.created_by},
                 {"comment", s.comment}};
  if (!replaces.empty()) o["replaces"] = replaces;
  return o;
}

// The silence a silence.created payload describes (nothing if it is unreadable).
std::optional<Silence> silence_from(const json::object& o, Instant at) {
  Silence s;
  s.id = string_member(o, "id");
  auto starts = parse_instant(string_member(o, "starts_at"));
  auto ends = parse_instant(string_member(o, "ends_at"));
  const auto* matchers = o.if_contains("matchers");
  if (s.id.empty() || !starts || !ends || !matchers || !matchers->is_array()) return std::nullopt;
  for (const auto& v : matchers->as_array()) {
    if (!v.is_object()) return std::nullopt;
    auto op = match_op_from(string_member(v.as_object(), "op"));
    if (!op) return std::nullopt;
    s.matchers.push_back(
        Matcher{string_member(v.as_object(), "name"), *op, string_member(v.as_object(), "value")});
  }
  s.starts_at = *starts;
  s.ends_at = *ends;
  s.created_by = string_member(o, "created_by");
  s.comment = string_member(o, "comment");
  s.updated_at = at;
  return s;
}

std::string actor_text(const Actor& by) { return canonical_json(actor_to_json(by)); }

}  // namespace

Silences::Silences(Engine& engine, store::EventLog& log)
    : engine_(engine), log_(log), silences_(std::make_shared<const std::vector<Silence>>()) {}

Status Silences::load() {
  return log_.scan_stream(kStream, [&](const store::RecordView& r) {
    apply(r.type, r.payload, parse_instant(r.at).value_or(Instant{}));
    return true;
  });
}

void Silences::apply(std::string_view type, std::string_view payload, Instant at) {
  boost::system::error_code ec;
  auto v = json::parse(payload, ec);
  if (ec || !v.is_object()) return;  // unreadable: the audit names it; the rest still count
  const auto& o = v.as_object();
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<std::vector<Silence>>(*silences_);
  if (type == kCreated) {
    auto s = silence_from(o, at);
    if (!s) return;
    next->push_back(std::move(*s));
  } else if (type == kExpired) {
    auto id = string_member(o, "id");
    auto ends = parse_instant(string_member(o, "ends_at")).value_or(at);
    auto it =
        std::find_if(next->begin(), next->end(), [&](const Silence& s) { return s.id == id; });
    if (it == next->end() || it->ends_at <= ends) return;  // unknown, or over already
    it->ends_at = ends;
    it->starts_at = std::min(it->starts_at, ends);
    it->updated_at = at;
  } else {
    return;  // a type of a later version: ignored, as the intake ignores them
  }
  silences_ = std::move(next);
}

void Silences::appended(Result<store::AppendResult> r, const std::function<void(Status)>& done) {
  if (!r) return done(r.error());
  if (!r->duplicate) {
    for (const auto& e : r->events) apply(e.type, e.payload, e.at);
    engine_.observe(r->events);  // the engine applies every record in seq order
  }
  done(Status{});
}

void Silences::create(Silence silence, const std::string& replaces, const Actor& by, Created done) {
  Instant now = engine_.clock().now();
  std::vector<store::NewEvent> events;
  std::string idempotency_key;
  if (!replaces.empty()) {
    auto old = find(replaces);
    if (!old)
      return done(Error{ErrorCode::not_found, fmt::format("no silence \"{}\"", replaces), "id"});
    if (silence_state(*old, now) != SilenceState::expired) {
      events.push_back(
          {kExpired, actor_text(by), now,
           canonical_json(json::object{{"id", replaces}, {"ends_at", format_instant(now)}})});
      idempotency_key = std::string(kExpired) + ":" + replaces;  // one expiry per silence
    }
  }
  silence.starts_at = std::max(silence.starts_at, now);
  if (Status e = silence_error(silence, now); !e.ok()) return done(e.error());
  silence.id = new_id();
  events.push_back(
      {kCreated, actor_text(by), now, canonical_json(created_payload(silence, replaces))});
  store::AppendRequest request{kStream, store::kAnyVersion, std::move(events), idempotency_key, {}};
  log_.append(
      std::move(request), [this, id = silence.id, replaces, done](Result<store::AppendResult> r) {
        if (r && r->duplicate) {
          return done(Error{
              ErrorCode::conflict,
              fmt::format("silence \"{}\" was expired meanwhile; post the new one without its id",
                          replaces),
              "id"});
        }
        appended(std::move(r), [&](Status e) {
          if (!e.ok()) return done(e.error());
          done(id);
        });
      });
}

void Silences::expire(const std::string& id, const Actor& by, Expired done) {
  Instant now = engine_.clock().now();
  auto s = find(id);
  if (!s) return done(Error{ErrorCode::not_found, fmt::format("no silence \"{}\"", id), {}});
  if (silence_state(*s, now) == SilenceState::expired) {
    return done(
        precondition(fmt::format("silence \"{}\" expired at {}", id, format_instant(s->ends_at))));
  }
  store::AppendRequest request{
      kStream,
      store::kAnyVersion,
      {{kExpired, actor_text(by), now,
        canonical_json(json::object{{"id", id}, {"ends_at", format_instant(now)}})}},
      std::string(kExpired) + ":" + id,
      {}};
  log_.append(std::move(request),
              [this, done](Result<store::AppendResult> r) { appended(std::move(r), done); });
}

std::shared_ptr<const std::vector<Silence>> Silences::all() const {
  std::lock_guard lock(mutex_);
  return silences_;
}

std::optional<Silence> Silences::find(const std::string& id) const {
  auto all = this->all();
  auto it = std::find_if(all->begin(), all->end(), [&](const Silence& s) { return s.id == id; });
  if (it == all->end()) return std::nullopt;
  return *it;
}

}  // namespace pactum::engine
