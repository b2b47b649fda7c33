#include "domain/escalation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/governance/expiry.hpp"

namespace pactum {
namespace {

void add_unique(std::vector<std::string>& out, const std::string& id) {
  if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

// Past its due time, not done since, the incident not finished: its breach is recorded whatever
// anyone acknowledged.
bool overdue(const IncidentState& state, const Obligation& o) {
  return !state.finished() && o.state == ObligationState::breached && !o.done_at;
}

// Overdue and not acknowledged: its escalation waves go on.
bool escalating(const IncidentState& state, const Obligation& o) {
  return overdue(state, o) && !state.acknowledged.contains(o.key);
}

std::string joined(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::vector<std::string> wave_recipients(const Plan& plan, const Obligation& o,
                                         const EscalationWave& wave) {
  std::vector<std::string> out;
  auto holders_of = [&](const std::string& role_id, bool deputy) {
    if (role_id == kAnyRole || role_id == kEmergencyContactRole) {
      for (const auto& c : plan.contacts) {
        bool party_ok = o.owner_party == "any" || c.party == o.owner_party;
        if (c.emergency_contact && party_ok) add_unique(out, c.id);
      }
      return;
    }
    const Role* role = plan.find_role(role_id);
    if (!role) return;
    for (const auto& h : role->holders) {
      bool party_ok = h.party.empty() || o.owner_party == "any" || h.party == o.owner_party;
      if (party_ok) add_unique(out, deputy ? h.deputy : h.holder);
    }
  };
  for (const auto& who : wave.notify) {
    if (who == "owner") {
      holders_of(o.owner_role, false);
    } else if (who == "deputy") {
      holders_of(o.owner_role, true);
    } else {
      holders_of(who, false);
    }
  }
  return out;
}

std::vector<EventData> escalations_due(const Plan& plan, const IncidentState& state, Instant now) {
  std::vector<EventData> out;
  if (governance::expired(plan, now)) return out;  // G5: the plan no longer applies
  const auto& waves = plan.escalation.waves;
  for (const auto& o : obligations(plan, state, now)) {
    // A reminder once the plan's share of the window has passed (remind_at), before the due time.
    if (!state.finished() && o.state == ObligationState::open && o.remind_at && o.due &&
        *o.remind_at <= now && !state.reminded.contains(o.key)) {
      out.push_back(ev::ObligationReminded{o.key, *o.due});
    }
    if (!overdue(state, o) || !o.due) continue;
    auto recorded = state.breaches.find(o.key);
    Instant breached_at = now;
    int sent = 0;
    if (recorded == state.breaches.end()) {
      out.push_back(ev::ObligationBreached{o.key, *o.due});
    } else {
      breached_at = recorded->second.recorded_at;
      sent = recorded->second.waves_sent;
    }
    if (!escalating(state, o)) continue;  // acknowledged: no further waves
    for (int w = sent; w < static_cast<int>(waves.size()); ++w) {
      if (plan.calendar.add(breached_at, waves[static_cast<std::size_t>(w)].after) > now) break;
      out.push_back(ev::ObligationEscalated{
          o.key, w, wave_recipients(plan, o, waves[static_cast<std::size_t>(w)])});
    }
  }
  return out;
}

std::optional<Instant> next_escalation(const Plan& plan, const IncidentState& state, Instant now) {
  std::optional<Instant> next;
  auto consider = [&](Instant t) {
    if (t > now && (!next || t < *next)) next = t;
  };
  if (governance::expired(plan, now)) return next;
  const auto& waves = plan.escalation.waves;
  for (const auto& o : obligations(plan, state, now)) {
    if (state.finished()) break;
    if (o.state == ObligationState::open && o.due) consider(*o.due + std::chrono::milliseconds(1));
    if (o.state == ObligationState::open && o.remind_at && !state.reminded.contains(o.key)) {
      consider(*o.remind_at);
    }
    auto recorded = state.breaches.find(o.key);
    if (!escalating(state, o) || recorded == state.breaches.end()) continue;
    auto w = static_cast<std::size_t>(recorded->second.waves_sent);
    if (w < waves.size()) consider(plan.calendar.add(recorded->second.recorded_at, waves[w].after));
  }
  return next;
}

Status check_acknowledgement(const Plan& plan, const IncidentState& state,
                             const std::string& obligation, const Actor& actor,
                             const std::string& contact, Instant now) {
  auto all = obligations(plan, state, now);
  auto o = std::find_if(all.begin(), all.end(),
                        [&](const Obligation& x) { return x.key == obligation; });
  if (o == all.end()) {
    return Error{ErrorCode::not_found,
                 fmt::format("the incident has no obligation \"{}\"", obligation), "obligation"};
  }
  if (!overdue(state, *o)) {
    return precondition(fmt::format(
        "obligation \"{}\" is not being escalated: only an overdue obligation (past its due time, "
        "not done, of an open incident) is acknowledged",
        obligation));
  }
  auto breach = state.breaches.find(obligation);
  bool reached = !contact.empty() && breach != state.breaches.end() &&
                 breach->second.reached.contains(contact);
  bool owner = (o->owner_role == kAnyRole || actor.has_role(o->owner_role)) &&
               (o->owner_party == "any" || o->owner_party == actor.party);
  if (reached || owner) return {};
  std::string who =
      breach == state.breaches.end() || breach->second.reached.empty()
          ? std::string()
          : " the people its escalation reached (" + joined(breach->second.reached) + ") or";
  return denied(fmt::format("only{} the {} of party {} may acknowledge obligation \"{}\"", who,
                            o->owner_role, o->owner_party, obligation));
}

}  // namespace pactum
