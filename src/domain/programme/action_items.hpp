// Action items tracked to completion, one concept for a drill's improvements (V2: "the
// improvement list ... tracked to completion") and a meeting's actions (M1), the way V1 tracks an
// incident review's follow-up actions: each has an owner role and party and a due date, is done
// once someone marks it done with a note, and is overdue while not done after its due date.
// An item's id is its record's id and its 1-based place in the record's list: "DR-2026-0001.2".
// A recorded list never changes, so the id is stable. Pure: `now` is given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "domain/programme/records.hpp"
#include "domain/result.hpp"

namespace pactum {

enum class ItemState {
  open,     // not done, its due date not yet over
  done,     // an ItemCompletion names it
  overdue,  // not done after its due date (in the plan's time zone)
};
const char* to_string(ItemState s);

// "DR-2026-0001.2" for the item at `index` (0-based) of record "DR-2026-0001".
std::string item_id(const std::string& record_id, std::size_t index);

// The instant an item falls due: the end of its due date in the plan's time zone.
Instant item_due(const Calendar& calendar, const ActionItem& item);

// The completion of `id`, if it is done.
const ItemCompletion* completion_of(const Programme& programme, const std::string& id);

// open, done or overdue at `now`.
ItemState item_state(const Calendar& calendar, const Programme& programme, const std::string& id,
                     const ActionItem& item, Instant now);

// A record's new list of items, named `list` in the API ("improvements", "actions"): each with a
// text, an owner role and an owner party of the plan. The error names the item's field:
// "improvements[0].owner_role".
Status items_error(const Plan& plan, const std::vector<ActionItem>& items, std::string_view list);

// Which item a completion is about: the `n`th (1-based) of the `list` of record `record`
// ("improvements" of a drill, "actions" of a meeting).
struct ItemRef {
  std::string record;
  std::string list;
  std::size_t n = 0;
};

// Marks the item done: the item exists (not_found otherwise, naming "n" when the record exists);
// is not done yet (conflict); the note says what was done (invalid_argument "note"); and `by`
// is the item's owner — holds its owner role, as a member of its owner party — or holds a role
// the plan lists for `complete_item` (permission_denied otherwise, and always for a machine).
Result<ItemCompletion> complete_item(const Plan& plan, const Programme& programme,
                                     const ItemRef& ref, const std::string& note, const Actor& by,
                                     Instant now);

}  // namespace pactum
