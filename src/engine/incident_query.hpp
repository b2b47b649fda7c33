// Which incidents a list or an export shows (the board, the history page, the CSV): a pure
// function over the engine's read model, not SQL, so the same filter holds for every store.
// Newest first by (reported_at, id); a page ends with a cursor naming its last row, so the next
// page starts right after it however many incidents are reported meanwhile (they sort before it).
// Rules: V1 and G5 (closed and cancelled incidents stay reachable for review and the record),
// P1 (the reported time the period filters on), V2 (exercises apart unless asked).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/incident.hpp"
#include "engine/engine.hpp"

namespace pactum::engine {

// Where a page ended: its last row's reported time and id. Opaque to clients.
struct IncidentCursor {
  Instant reported_at;
  std::string id;
  bool operator==(const IncidentCursor&) const = default;
};

// URL-safe text (base64url of "<ms since epoch>|<id>", no padding); nullopt if `text` is not one.
std::string encode_cursor(const IncidentCursor& cursor);
std::optional<IncidentCursor> decode_cursor(std::string_view text);

struct IncidentQuery {
  std::set<IncidentStatus> statuses;  // empty: every status
  std::optional<bool> exercise;  // false: real incidents only; true: exercises only; nullopt: both
  // Case-insensitive (ASCII letters fold; Chinese has no case) substring of any of: the id, the
  // phenomenon, scope and cause guess, the trigger's and condition's ids and names (both
  // languages), every note, the resolution and closing summaries and the cancel reason.
  std::string text;
  std::string trigger;          // a trigger category id ("T1")
  std::string level;            // the current level ("L2")
  std::string party;            // the reporting or the responsible party
  std::optional<Instant> from;  // reported at or after (inclusive)
  std::optional<Instant> to;    // reported before (exclusive)
  std::size_t limit = 50;
  std::optional<IncidentCursor> after;  // the previous page's cursor
};

struct IncidentPage {
  std::vector<std::pair<std::string, IncidentState>> incidents;  // newest first
  std::optional<IncidentCursor> next;  // set when more rows match after the last one
};

// Whether one incident matches every filter of `query` (not the paging).
bool matches(const Plan& plan, const IncidentRecord& record, const IncidentQuery& query);

// The page of `records` that `query` asks for.
IncidentPage select_incidents(const Plan& plan,
                              const std::map<std::string, IncidentRecord>& records,
                              const IncidentQuery& query);

// The statuses a `status` parameter names: open (every status but closed and cancelled), closed,
// cancelled, all, or one status by its name; several separated by commas. nullopt for an unknown
// word.
std::optional<std::set<IncidentStatus>> parse_statuses(std::string_view text);

}  // namespace pactum::engine
