#include "domain/programme/action_items.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "domain/programme/record_rules.hpp"

namespace pactum {
namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

// The list `ref` names, or nothing if there is no such record (or it has no such list).
const std::vector<ActionItem>* list_of(const Programme& programme, const ItemRef& ref) {
  if (ref.list == "improvements") {
    for (const auto& d : programme.drills) {
      if (d.id == ref.record) return &d.improvements;
    }
  } else if (ref.list == "actions") {
    for (const auto& m : programme.meetings) {
      if (m.id == ref.record) return &m.actions;
    }
  }
  return nullptr;
}

// The item's owner: holds its role as a member of its party.
bool owns(const ActionItem& item, const Actor& by) {
  return !by.is_system() && by.party == item.owner_party && by.has_role(item.owner_role);
}

}  // namespace

const char* to_string(ItemState s) {
  switch (s) {
    case ItemState::open:
      return "open";
    case ItemState::done:
      return "done";
    case ItemState::overdue:
      return "overdue";
  }
  return "open";
}

std::string item_id(const std::string& record_id, std::size_t index) {
  return fmt::format("{}.{}", record_id, index + 1);
}

Instant item_due(const Calendar& calendar, const ActionItem& item) {
  return calendar.start_of(item.due + date::days{1});
}

const ItemCompletion* completion_of(const Programme& programme, const std::string& id) {
  auto it = std::find_if(programme.completions.begin(), programme.completions.end(),
                         [&](const ItemCompletion& c) { return c.item == id; });
  return it == programme.completions.end() ? nullptr : &*it;
}

ItemState item_state(const Calendar& calendar, const Programme& programme, const std::string& id,
                     const ActionItem& item, Instant now) {
  if (completion_of(programme, id)) return ItemState::done;
  return now >= item_due(calendar, item) ? ItemState::overdue : ItemState::open;
}

Status items_error(const Plan& plan, const std::vector<ActionItem>& items, std::string_view list) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    std::string path = fmt::format("{}[{}]", list, i);
    if (blank(item.text)) return invalid(path + ".text", "an item says what is to be done");
    if (!plan.find_role(item.owner_role)) {
      return invalid(path + ".owner_role",
                     fmt::format("role \"{}\" is not defined by the plan", item.owner_role));
    }
    if (!plan.find_party(item.owner_party)) {
      return invalid(path + ".owner_party",
                     fmt::format("party \"{}\" is not a party of the plan", item.owner_party));
    }
  }
  return {};
}

Result<ItemCompletion> complete_item(const Plan& plan, const Programme& programme,
                                     const ItemRef& ref, const std::string& note, const Actor& by,
                                     Instant now) {
  const auto* items = list_of(programme, ref);
  if (!items) {
    return Error{
        ErrorCode::not_found, fmt::format("no record \"{}\" with {}", ref.record, ref.list), {}};
  }
  if (ref.n < 1 || ref.n > items->size()) {
    return Error{ErrorCode::not_found,
                 fmt::format("{} has {} {}; there is no number {}", ref.record, items->size(),
                             ref.list, ref.n),
                 "n"};
  }
  const ActionItem& item = (*items)[ref.n - 1];
  std::string id = item_id(ref.record, ref.n - 1);
  if (const auto* done = completion_of(programme, id)) {
    return Error{ErrorCode::conflict,
                 fmt::format("{} was already marked done at {}", id, format_instant(done->at)),
                 {}};
  }
  if (!owns(item, by)) {
    if (Status e = record_permitted(plan, Action::complete_item, by); !e.ok()) {
      return denied(fmt::format("{} belongs to the {} of party {}; otherwise: {}", id,
                                item.owner_role, item.owner_party, e.error().message));
    }
  }
  if (blank(note)) return invalid("note", "say what was done to complete the item");
  return ItemCompletion{id, note, now, by.user};
}

}  // namespace pactum
