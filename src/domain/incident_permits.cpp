#include "domain/incident_permits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "domain/external_message.hpp"
#include "domain/permission.hpp"
#include "domain/quotes.hpp"

namespace pactum {
namespace {

constexpr std::array<std::pair<Act, const char*>, 15> kActs{{
    {Act::sync, "sync"},
    {Act::assess, "assess"},
    {Act::change_level, "change_level"},
    {Act::complete_step, "complete_step"},
    {Act::record_quotes, "record_quotes"},
    {Act::waive_step, "waive_step"},
    {Act::engage_third_party, "engage_third_party"},
    {Act::note, "note"},
    {Act::send_external, "send_external"},
    {Act::resolve, "resolve"},
    {Act::submit_review, "submit_review"},
    {Act::complete_action, "complete_action"},
    {Act::approve_review, "approve_review"},
    {Act::close, "close"},
    {Act::cancel, "cancel"},
}};
static_assert(kActs.back().first == kLastAct, "every act has its name");

// The plan's permission that governs an act, for the acts that one governs (the others are
// their step's, third party's or follow-up action's owner's).
std::optional<Action> governing_action(Act act) {
  switch (act) {
    case Act::sync:
      return Action::sync;
    case Act::assess:
      return Action::assess;
    case Act::change_level:
      return Action::change_level;
    case Act::waive_step:
      return Action::waive_step;
    case Act::note:
      return Action::note;
    case Act::send_external:
      return Action::send_external;
    case Act::resolve:
      return Action::resolve;
    case Act::submit_review:
      return Action::submit_review;
    case Act::approve_review:
      return Action::approve_review;
    case Act::close:
      return Action::close;
    case Act::cancel:
      return Action::cancel;
    case Act::complete_step:
    case Act::record_quotes:
    case Act::engage_third_party:
    case Act::complete_action:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : ", ") + x;
  return out;
}

// The checks of one incident for one actor, in the order decide() has always made them: the
// incident's state first, then who may.
class Gate {
 public:
  Gate(const Plan& plan, const IncidentState& s, const Actor& actor)
      : plan_(plan), s_(s), actor_(actor) {}

  Status check(Act act, const std::string& target) const {
    switch (act) {
      case Act::sync:
      case Act::note:
      case Act::cancel:
        return first(open(), permitted(act));
      case Act::assess:
        if (Status e = open(); !e.ok()) return e;
        if (s_.assessed_at) {
          return precondition("the incident has already been assessed; change its level instead")
              .because("incident.already_assessed");
        }
        return permitted(act);
      case Act::change_level:
        if (Status e = open(); !e.ok()) return e;
        if (Status e = assessed(); !e.ok()) return e;
        if (s_.resolved_at) {
          return precondition("the incident is resolved: its level is final")
              .because("incident.resolved");
        }
        return permitted(act);
      case Act::complete_step: {
        auto step = current_step(target);
        if (!step.ok()) return step.error();
        return owns(**step);
      }
      case Act::record_quotes:
        return quotes_step(target);
      case Act::waive_step: {
        auto step = current_step(target);
        if (!step.ok()) return step.error();
        return permitted(act);
      }
      case Act::engage_third_party:
        return engage(target);
      case Act::send_external:
        return may_send_external(plan_, s_, actor_);
      case Act::resolve:
        if (Status e = open(); !e.ok()) return e;
        if (!s_.assessed_at) {
          return precondition("the incident has not been assessed: set its level before resolving")
              .because("incident.not_assessed");
        }
        if (s_.resolved_at) {
          return precondition("the incident is already resolved").because("incident.resolved");
        }
        return permitted(act);
      case Act::submit_review:
        if (Status e = open(); !e.ok()) return e;
        if (!s_.resolved_at) {
          return precondition("the review is written after the incident is resolved")
              .because("incident.not_resolved");
        }
        if (Status e = not_approved(); !e.ok()) return e;
        return permitted(act);
      case Act::complete_action:
        return follow_up(target);
      case Act::approve_review:
        if (Status e = open(); !e.ok()) return e;
        if (!s_.review_submitted_at) {
          return precondition("no review has been submitted yet").because("review.not_submitted");
        }
        if (Status e = not_approved(); !e.ok()) return e;
        return permitted(act);
      case Act::close:
        return closable();
    }
    return {};
  }

  // The party that owns a step of this incident ("any" when any party may).
  std::string owner_party(const Owner& owner) const {
    if (owner.party == "responsible") return s_.report.responsible_party;
    if (owner.party == "reporting") return s_.report.reporting_party;
    if (owner.party == "partner") {
      const Party* p = plan_.partner_of(s_.report.responsible_party);
      return p ? p->id : "";
    }
    return owner.party;
  }

  // The owner of what `act` on `target` is done to, for the acts that have one.
  std::optional<Owner> owner_of(Act act, const std::string& target) const {
    if (act == Act::complete_step || act == Act::record_quotes) {
      const Level* level = plan_.find_level(s_.level);
      const Step* step = level ? level->find_step(target) : nullptr;
      if (step) return step->owner;
    }
    if (act == Act::engage_third_party) {
      if (const ThirdParty* x = third_party(target); x && x->engaged_by) return *x->engaged_by;
    }
    if (act == Act::complete_action && s_.review) {
      for (const auto& a : s_.review->actions) {
        if (a.id == target) return Owner{a.owner_role, "any"};
      }
    }
    return std::nullopt;
  }

 private:
  static Status first(Status a, Status b) { return a.ok() ? b : a; }

  Status open() const {
    if (!s_.exists()) {
      return Error{ErrorCode::not_found, "the incident has not been reported", {}}.because(
          "incident.not_found");
    }
    if (s_.closed_at) return precondition("the incident is closed").because("incident.closed");
    if (s_.cancelled_at) {
      return precondition("the incident was cancelled").because("incident.cancelled");
    }
    return {};
  }

  Status assessed() const {
    if (s_.assessed_at && !s_.level.empty()) return {};
    return precondition("the incident has no level yet: assess it first")
        .because("incident.not_assessed");
  }

  Status not_approved() const {
    if (!s_.review_approved_at) return {};
    return precondition("the review has already been approved").because("review.approved");
  }

  Status permitted(Act act) const {
    return permission_error(plan_, *governing_action(act), actor_, s_.report.responsible_party);
  }

  Result<const Step*> current_step(const std::string& step_id) const {
    if (Status e = open(); !e.ok()) return e.error();
    if (Status e = assessed(); !e.ok()) return e.error();
    const Level* level = plan_.find_level(s_.level);
    const Step* step = level ? level->find_step(step_id) : nullptr;
    if (!step) {
      return Error{ErrorCode::not_found,
                   fmt::format("level {} has no step \"{}\"", s_.level, step_id), "step"}
          .because("step.not_found", {{"step", step_id}, {"level", s_.level}});
    }
    if (s_.steps.contains(step_id)) {
      return precondition(fmt::format("step \"{}\" is already done", step_id))
          .because("step.done", {{"step", step_id}});
    }
    return step;
  }

  // S3: a step of the current level whose rule is S3, not yet done, and the actor owns it.
  Status quotes_step(const std::string& step_id) const {
    auto step = current_step(step_id);
    if (!step.ok()) return step.error();
    if ((*step)->rule != kQuotesRule) {
      return invalid("step",
                     fmt::format("step \"{}\" does not take quotes (its rule is not S3)", step_id))
          .because("step.no_quotes", {{"step", step_id}});
    }
    return owns(**step);
  }

  // The actor owns the step: holds its owner's role, in its owner's party.
  Status owns(const Step& step) const {
    std::string party = owner_party(step.owner);
    bool party_ok = party == "any" || party == actor_.party;
    if (actor_.has_role(step.owner.role) && party_ok) return {};
    return denied(fmt::format("step \"{}\" belongs to the {} of party {}; you are a member of "
                              "party {} holding: {}",
                              step.id, step.owner.role, party, actor_.party,
                              actor_.roles.empty() ? "none" : joined(actor_.roles)))
        .because(party_ok ? "step.owned_by_role" : "step.owned_by_other_party",
                 {{"step", step.id}, {"owner_role", step.owner.role}, {"party", party}});
  }

  const ThirdParty* third_party(const std::string& id) const {
    auto x = std::find_if(plan_.third_parties.begin(), plan_.third_parties.end(),
                          [&](const ThirdParty& t) { return t.id == id; });
    return x == plan_.third_parties.end() ? nullptr : &*x;
  }

  // X1, X3: the plan names the third party for the incident's condition; its engaged_by role (in
  // its party) engages it once, at any level, also before `after` has passed.
  Status engage(const std::string& id) const {
    if (Status e = open(); !e.ok()) return e;
    const ThirdParty* x = third_party(id);
    if (!x) {
      return Error{ErrorCode::not_found, fmt::format("the plan names no third party \"{}\"", id),
                   "third_party"}
          .because("third_party.not_found", {{"third_party", id}});
    }
    if (!x->engaged_by || std::find(x->conditions.begin(), x->conditions.end(),
                                    s_.report.condition) == x->conditions.end()) {
      return precondition(fmt::format("the plan does not engage {} for condition \"{}\"", x->id,
                                      s_.report.condition))
          .because("third_party.not_for_condition",
                   {{"third_party", x->id}, {"condition", s_.report.condition}});
    }
    if (s_.engaged.contains(x->id)) {
      return precondition(fmt::format("{} is already engaged", x->id))
          .because("third_party.engaged", {{"third_party", x->id}});
    }
    Step as_step;  // who engages it, checked as a step's owner is
    as_step.id = x->id;
    as_step.owner = *x->engaged_by;
    return owns(as_step);
  }

  // V1: a follow-up action of the submitted review, not yet done, by a holder of its role.
  Status follow_up(const std::string& id) const {
    if (Status e = open(); !e.ok()) return e;
    if (!s_.review) {
      return precondition("no review with follow-up actions has been submitted")
          .because("review.not_submitted");
    }
    const auto& actions = s_.review->actions;
    auto it = std::find_if(actions.begin(), actions.end(),
                           [&](const FollowUpAction& a) { return a.id == id; });
    if (it == actions.end()) {
      return Error{ErrorCode::not_found,
                   fmt::format("the review has no follow-up action \"{}\"", id), "action"}
          .because("action.not_found", {{"action", id}});
    }
    if (s_.actions_done.contains(id)) {
      return precondition(fmt::format("follow-up action \"{}\" is already done", id))
          .because("action.done", {{"action", id}});
    }
    if (!actor_.has_role(it->owner_role)) {
      return denied(fmt::format("follow-up action \"{}\" belongs to role {}; you hold: {}", id,
                                it->owner_role, joined(actor_.roles)))
          .because("action.owned_by_role", {{"action", id}, {"owner_role", it->owner_role}});
    }
    return {};
  }

  // Closing: after the review is approved, by whom the plan lets, with every mandatory step of
  // the level and every follow-up action done.
  Status closable() const {
    if (Status e = open(); !e.ok()) return e;
    if (!s_.review_approved_at) {
      return precondition("the incident closes after its review (复盘报告) is approved")
          .because("review.not_approved");
    }
    if (Status e = permitted(Act::close); !e.ok()) return e;
    const Level* level = plan_.find_level(s_.level);
    std::vector<std::string> open_steps;
    for (const Step& step : level ? level->steps : std::vector<Step>{}) {
      if (step.mandatory && !s_.steps.contains(step.id)) open_steps.push_back(step.id);
    }
    if (!open_steps.empty()) {
      return precondition(fmt::format("mandatory steps are still open: {}", joined(open_steps)))
          .because("close.steps_open", {{"steps", joined(open_steps)}});
    }
    std::vector<std::string> open_actions;
    for (const auto& a : s_.review->actions) {
      if (!s_.actions_done.contains(a.id)) open_actions.push_back(a.id);
    }
    if (!open_actions.empty()) {
      return precondition(fmt::format("follow-up actions are still open: {}", joined(open_actions)))
          .because("close.actions_open", {{"actions", joined(open_actions)}});
    }
    return {};
  }

  const Plan& plan_;
  const IncidentState& s_;
  const Actor& actor_;
};

// The contacts holding `role` in `party` ("any": every party's): holder then deputy, each once.
std::vector<Entitled::Person> holders(const Plan& plan, const std::string& role,
                                      const std::string& party) {
  std::vector<Entitled::Person> out;
  auto add = [&](const std::string& contact, bool deputy) {
    bool known = std::any_of(out.begin(), out.end(),
                             [&](const Entitled::Person& p) { return p.contact == contact; });
    if (!contact.empty() && !known) out.push_back({contact, deputy});
  };
  if (role == kEmergencyContactRole) {
    for (const auto& c : plan.contacts) {
      if (c.emergency_contact && (party == "any" || c.party == party)) add(c.id, false);
    }
    return out;
  }
  const Role* r = plan.find_role(role);
  if (!r) return out;
  for (const auto& h : r->holders) {
    // A joint role's holders (no party) act for every party.
    if (party != "any" && !h.party.empty() && h.party != party) continue;
    add(h.holder, false);
    add(h.deputy, true);
  }
  return out;
}

}  // namespace

const char* to_string(Act act) {
  for (const auto& [a, name] : kActs) {
    if (a == act) return name;
  }
  return "note";
}

Status refusal(const Plan& plan, const IncidentState& state, const Actor& actor, Act act,
               const std::string& target) {
  return Gate(plan, state, actor).check(act, target);
}

std::vector<Entitled> entitled(const Plan& plan, const IncidentState& state, Act act,
                               const std::string& target) {
  Actor nobody;
  Gate gate(plan, state, nobody);
  std::vector<std::pair<std::string, std::string>> roles;  // (role, party)
  if (auto action = governing_action(act)) {
    auto it = plan.permissions.find(*action);
    if (it != plan.permissions.end()) {
      std::string party =
          it->second.parties == PartyScope::own ? state.report.responsible_party : "any";
      for (const auto& role : it->second.roles) roles.emplace_back(role, party);
    }
  } else if (auto owner = gate.owner_of(act, target)) {
    roles.emplace_back(owner->role, gate.owner_party(*owner));
  }
  std::vector<Entitled> out;
  for (const auto& [role, party] : roles) {
    out.push_back(
        {role, party,
         role == kAnyRole ? std::vector<Entitled::Person>{} : holders(plan, role, party)});
  }
  return out;
}

}  // namespace pactum
