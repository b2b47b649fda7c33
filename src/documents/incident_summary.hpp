// What every incident document states the same way: the incident's facts as reported and
// assessed (P1–P4), and the steps a level obliged with their owner, deadline, state and evidence
// (L4) — the measures taken.
#pragma once

#include <string>

#include "documents/layout.hpp"
#include "documents/words.hpp"
#include "domain/incident.hpp"

namespace pactum::documents {

// The last event of a kind, if any (the resolution's summary, the approval's comment).
template <class E>
const E* last_of(const std::vector<Event>& events) {
  const E* found = nullptr;
  for (const auto& e : events) {
    if (const auto* x = std::get_if<E>(&e.data)) found = x;
  }
  return found;
}

// The incident as reported and assessed (P1–P4), with the resolution's summary once there is
// one (from `events`, the timeline).
void incident_facts(Layout& out, const Words& w, const std::string& id, const IncidentState& s,
                    const std::vector<Event>& events);

// A table of `level`'s steps, judged at `now`.
void level_steps(Layout& out, const Words& w, const IncidentState& s, const std::string& level,
                 Instant now);

// The emergency contacts of a party (C1): name, title, phones, email.
void party_contacts(Layout& out, const Words& w, const std::string& party);

// The first level the incident has been at whose steps include one `step` accepts (the L3 risk
// notice, the X2 submission); nullptr if none.
template <class Pred>
const Level* level_with_step(const Plan& plan, const IncidentState& s, Pred step) {
  for (const auto& period : s.levels) {
    const Level* level = plan.find_level(period.level);
    if (!level) continue;
    for (const auto& x : level->steps) {
      if (step(x)) return level;
    }
  }
  return nullptr;
}

// "说明：…; 文件：… (ref)" — what a step's or action's evidence says.
std::string evidence_text(const Words& w, const std::vector<Evidence>& evidence);

}  // namespace pactum::documents
