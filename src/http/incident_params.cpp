#include "http/incident_params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace pactum::http {
namespace {

constexpr std::size_t kMaxLimit = 200;
constexpr std::size_t kMaxText = 200;

const std::string* param(const Request& req, const char* name) {
  auto it = req.query.find(name);
  return it == req.query.end() ? nullptr : &it->second;
}

// What a refusal quotes of a value: enough to recognise it, never a whole body.
std::string quoted(const std::string& v) { return v.substr(0, 32); }

Status read_instant(const Request& req, const char* name, std::optional<Instant>& out) {
  const std::string* v = param(req, name);
  if (!v || v->empty()) return {};
  out = parse_instant(*v);
  if (!out) {
    return invalid(name, fmt::format("{} \"{}\" is not an RFC 3339 time such as "
                                     "2026-03-01T00:00:00+08:00",
                                     name, quoted(*v)));
  }
  return {};
}

}  // namespace

Result<std::optional<bool>> exercise_filter(const Request& req) {
  auto it = req.query.find("exercise");
  if (it == req.query.end() || it->second == "false") return std::optional<bool>(false);
  if (it->second == "true") return std::optional<bool>(true);
  if (it->second == "all") return std::optional<bool>();
  return invalid("exercise", "exercise is false (real incidents), true (exercises) or all");
}

Result<engine::IncidentQuery> incident_query_of(const Request& req, const Plan& plan) {
  engine::IncidentQuery q;
  const std::string* status = param(req, "status");
  auto statuses = engine::parse_statuses(status && !status->empty() ? *status : "open");
  if (!statuses) {
    return invalid("status", fmt::format("status \"{}\" is not open, closed, cancelled, all or a "
                                         "status such as resolved (several: comma-separated)",
                                         quoted(*status)));
  }
  q.statuses = std::move(*statuses);
  auto exercise = exercise_filter(req);
  if (!exercise) return exercise.error();
  q.exercise = *exercise;
  if (const std::string* text = param(req, "q")) {
    if (text->size() > kMaxText) {
      return invalid("q", fmt::format("q is at most {} bytes of text", kMaxText));
    }
    q.text = *text;
  }
  if (const std::string* t = param(req, "trigger"); t && !t->empty()) {
    if (!plan.find_trigger(*t)) {
      return invalid("trigger",
                     fmt::format("trigger \"{}\" is not a trigger of the plan (T1…)", quoted(*t)));
    }
    q.trigger = *t;
  }
  if (const std::string* l = param(req, "level"); l && !l->empty()) {
    if (!plan.find_level(*l)) {
      return invalid("level",
                     fmt::format("level \"{}\" is not a level of the plan (L1…)", quoted(*l)));
    }
    q.level = *l;
  }
  if (const std::string* p = param(req, "party"); p && !p->empty()) {
    bool known = std::any_of(plan.parties.begin(), plan.parties.end(),
                             [&](const auto& party) { return party.id == *p; });
    if (!known) {
      return invalid("party", fmt::format("party \"{}\" is not a party of the plan", quoted(*p)));
    }
    q.party = *p;
  }
  if (Status e = read_instant(req, "from", q.from); !e.ok()) return e.error();
  if (Status e = read_instant(req, "to", q.to); !e.ok()) return e.error();
  if (q.from && q.to && *q.from >= *q.to) return invalid("to", "to must be later than from");
  if (const std::string* l = param(req, "limit")) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || end != l->data() + l->size() || n < 1 || n > kMaxLimit) {
      return invalid("limit", fmt::format("limit is a number from 1 to {}", kMaxLimit));
    }
    q.limit = n;
  }
  if (const std::string* c = param(req, "cursor"); c && !c->empty()) {
    q.after = engine::decode_cursor(*c);
    if (!q.after) {
      return invalid("cursor", "cursor is not one this server gave (use next_cursor as it is)");
    }
  }
  return q;
}

}  // namespace pactum::http
