#include "domain/plan.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace pactum {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

constexpr std::array<std::pair<Anchor, const char*>, 7> kAnchors{{
    {Anchor::discovered, "discovered"},
    {Anchor::reported, "reported"},
    {Anchor::synced, "synced"},
    {Anchor::assessed, "assessed"},
    {Anchor::level_set, "level_set"},
    {Anchor::resolved, "resolved"},
    {Anchor::review_submitted, "review_submitted"},
}};

constexpr std::pair<Action, const char*> kActions[] = {
    {Action::report, "report"},
    {Action::sync, "sync"},
    {Action::assess, "assess"},
    {Action::change_level, "change_level"},
    {Action::resolve, "resolve"},
    {Action::submit_review, "submit_review"},
    {Action::approve_review, "approve_review"},
    {Action::close, "close"},
    {Action::cancel, "cancel"},
    {Action::waive_step, "waive_step"},
    {Action::note, "note"},
    {Action::send_external, "send_external"},
    {Action::record_drill, "record_drill"},
    {Action::record_training, "record_training"},
    {Action::record_meeting, "record_meeting"},
    {Action::complete_item, "complete_item"},
    {Action::waive_duty, "waive_duty"},
    {Action::record_fund_movement, "record_fund_movement"},
    {Action::request_disbursement, "request_disbursement"},
    {Action::pay_disbursement, "pay_disbursement"},
    {Action::reconcile_fund, "reconcile_fund"},
};

}  // namespace

const NotificationTemplate* NotificationPolicy::find(const std::string& kind,
                                                     const std::string& audience) const {
  for (const auto& t : templates) {
    if (t.kind == kind && t.audience == audience) return &t;
  }
  return nullptr;
}

const Step* Level::find_step(const std::string& step_id) const {
  return find_by_id(steps, step_id);
}

const Party* Plan::find_party(const std::string& id) const { return find_by_id(parties, id); }
const Contact* Plan::find_contact(const std::string& id) const { return find_by_id(contacts, id); }
const Role* Plan::find_role(const std::string& id) const { return find_by_id(roles, id); }
const Level* Plan::find_level(const std::string& id) const { return find_by_id(levels, id); }
const TriggerCategory* Plan::find_trigger(const std::string& id) const {
  return find_by_id(triggers, id);
}

const Party* Plan::partner_of(const std::string& party) const {
  if (!find_party(party)) return nullptr;
  for (const auto& p : parties) {
    if (p.id != party) return &p;
  }
  return nullptr;
}

const std::string* Plan::suggested_level(const std::string& impact,
                                         const std::string& urgency) const {
  auto row = assessment.matrix.find(impact);
  if (row == assessment.matrix.end()) return nullptr;
  auto cell = row->second.find(urgency);
  return cell == row->second.end() ? nullptr : &cell->second;
}

std::vector<std::string> Plan::roles_of(const std::string& contact_id) const {
  std::vector<std::string> out;
  for (const auto& role : roles) {
    for (const auto& h : role.holders) {
      if (h.holder == contact_id || h.deputy == contact_id) {
        out.push_back(role.id);
        break;
      }
    }
  }
  if (const Contact* c = find_contact(contact_id); c && c->emergency_contact) {
    out.push_back(kEmergencyContactRole);
  }
  return out;
}

const char* to_string(Anchor a) {
  for (const auto& [anchor, name] : kAnchors) {
    if (anchor == a) return name;
  }
  return "reported";
}

std::optional<Anchor> parse_anchor(const std::string& name) {
  for (const auto& [anchor, n] : kAnchors) {
    if (name == n) return anchor;
  }
  return std::nullopt;
}

const char* to_string(Action a) {
  for (const auto& [action, name] : kActions) {
    if (action == a) return name;
  }
  return "note";
}

std::optional<Action> parse_action(const std::string& name) {
  for (const auto& [action, n] : kActions) {
    if (name == n) return action;
  }
  return std::nullopt;
}

const char* to_string(PartyScope p) { return p == PartyScope::own ? "own" : "any"; }

const char* to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::note:
      return "note";
    case EvidenceKind::file:
      return "file";
    case EvidenceKind::record:
      return "record";
  }
  return "note";
}

std::string format_money(Money m) {
  std::int64_t whole = m.minor / 100;
  std::int64_t cents = m.minor % 100;
  if (cents < 0) cents = -cents;
  std::string out = (m.minor < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + ".";
  if (cents < 10) out += "0";
  return out + std::to_string(cents);
}

}  // namespace pactum
