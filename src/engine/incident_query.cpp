#include "engine/incident_query.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <charconv>

#include "domain/evidence/note.hpp"
#include "domain/exercise.hpp"

namespace pactum::engine {
namespace {

std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool contains(std::string_view haystack, const std::string& needle) {
  return folded(haystack).find(needle) != std::string::npos;
}

// Events whose payload carries words a person wrote: a note (and the sync's), the resolution and
// closing summaries, the cancel reason.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kWrittenWords{{
    {"incident.note_added", "text"},
    {"incident.synced", "note"},
    {"incident.resolved", "summary"},
    {"incident.closed", "summary"},
    {"incident.cancelled", "reason"},
}};

bool timeline_contains(const IncidentRecord& record, const std::string& needle) {
  for (const auto& e : record.events) {
    for (const auto& [type, key] : kWrittenWords) {
      if (e.type != type) continue;
      boost::system::error_code ec;
      auto payload = boost::json::parse(e.payload, ec);
      if (ec || !payload.is_object()) continue;
      const auto* words = payload.as_object().if_contains(key);
      if (!words || !words->is_string()) continue;
      const boost::json::string& w = words->as_string();
      if (contains(std::string_view(w.data(), w.size()), needle)) return true;
    }
  }
  return false;
}

bool text_matches(const Plan& plan, const IncidentRecord& record, const std::string& needle) {
  const IncidentState& s = record.state;
  for (std::string_view field :
       {std::string_view(record.id), std::string_view(s.report.phenomenon),
        std::string_view(s.report.scope), std::string_view(s.report.cause_guess),
        std::string_view(s.report.trigger), std::string_view(s.report.condition)}) {
    if (contains(field, needle)) return true;
  }
  if (const TriggerCategory* t = plan.find_trigger(s.report.trigger)) {
    if (contains(t->name.zh, needle) || contains(t->name.en, needle)) return true;
    for (const auto& c : t->conditions) {
      if (c.id == s.report.condition &&
          (contains(c.name.zh, needle) || contains(c.name.en, needle)))
        return true;
    }
  }
  return timeline_contains(record, needle);
}

// Newest first: later reported_at, then the greater id (numbers grow within a year).
bool before(Instant a_at, const std::string& a_id, Instant b_at, const std::string& b_id) {
  return a_at != b_at ? a_at > b_at : a_id > b_id;
}

std::string base64url(std::string_view bytes) {
  std::string s = evidence::base64(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  std::replace(s.begin(), s.end(), '+', '-');
  std::replace(s.begin(), s.end(), '/', '_');
  return s;
}

std::optional<std::string> unbase64url(std::string_view text) {
  std::string s(text);
  if (s.find_first_of("+/=") != std::string::npos) return std::nullopt;
  std::replace(s.begin(), s.end(), '-', '+');
  std::replace(s.begin(), s.end(), '_', '/');
  while (s.size() % 4 != 0) s += '=';
  return evidence::unbase64(s);
}

}  // namespace

std::string encode_cursor(const IncidentCursor& cursor) {
  return base64url(std::to_string(cursor.reported_at.time_since_epoch().count()) + "|" + cursor.id);
}

std::optional<IncidentCursor> decode_cursor(std::string_view text) {
  auto bytes = unbase64url(text);
  if (!bytes) return std::nullopt;
  auto bar = bytes->find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 == bytes->size()) return std::nullopt;
  long long ms = 0;
  auto [end, ec] = std::from_chars(bytes->data(), bytes->data() + bar, ms);
  if (ec != std::errc() || end != bytes->data() + bar) return std::nullopt;
  return IncidentCursor{Instant(std::chrono::milliseconds(ms)), bytes->substr(bar + 1)};
}

bool matches(const Plan& plan, const IncidentRecord& record, const IncidentQuery& query) {
  const IncidentState& s = record.state;
  if (!s.exists()) return false;
  if (query.exercise && *query.exercise != is_exercise(record.id)) return false;
  if (!query.statuses.empty() && !query.statuses.count(s.status)) return false;
  if (!query.trigger.empty() && query.trigger != s.report.trigger) return false;
  if (!query.level.empty() && query.level != s.level) return false;
  if (!query.party.empty() && query.party != s.report.reporting_party &&
      query.party != s.report.responsible_party) {
    return false;
  }
  if (query.from && s.reported_at < *query.from) return false;
  if (query.to && s.reported_at >= *query.to) return false;
  return query.text.empty() || text_matches(plan, record, folded(query.text));
}

IncidentPage select_incidents(const Plan& plan,
                              const std::map<std::string, IncidentRecord>& records,
                              const IncidentQuery& query) {
  std::vector<const IncidentRecord*> hits;
  for (const auto& [id, record] : records) {
    // After the cursor: only what sorts after its row (older), whatever was reported since.
    if (query.after &&
        !before(query.after->reported_at, query.after->id, record.state.reported_at, id)) {
      continue;
    }
    if (matches(plan, record, query)) hits.push_back(&record);
  }
  std::sort(hits.begin(), hits.end(), [](const IncidentRecord* a, const IncidentRecord* b) {
    return before(a->state.reported_at, a->id, b->state.reported_at, b->id);
  });
  IncidentPage page;
  std::size_t n = std::min(hits.size(), query.limit);
  page.incidents.reserve(n);
  for (std::size_t i = 0; i < n; ++i) page.incidents.emplace_back(hits[i]->id, hits[i]->state);
  if (hits.size() > n && n > 0) {
    page.next = IncidentCursor{hits[n - 1]->state.reported_at, hits[n - 1]->id};
  }
  return page;
}

std::optional<std::set<IncidentStatus>> parse_statuses(std::string_view text) {
  static constexpr std::array kAll{
      IncidentStatus::reported,         IncidentStatus::assessed,        IncidentStatus::resolved,
      IncidentStatus::review_submitted, IncidentStatus::review_approved, IncidentStatus::closed,
      IncidentStatus::cancelled};
  std::set<IncidentStatus> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    std::string_view word =
        text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (word == "all") {
      out.insert(kAll.begin(), kAll.end());
    } else if (word == "open") {
      for (IncidentStatus st : kAll) {
        if (st != IncidentStatus::closed && st != IncidentStatus::cancelled) out.insert(st);
      }
    } else {
      auto it = std::find_if(kAll.begin(), kAll.end(),
                             [&](IncidentStatus st) { return word == to_string(st); });
      if (it == kAll.end()) return std::nullopt;
      out.insert(*it);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace pactum::engine
