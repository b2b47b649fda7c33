// Who acts on an incident, a record or the plan: a person of a party with the plan roles they
// hold, or a machine. Part of domain/incident.hpp.
#pragma once

#include <string>
#include <vector>

namespace pactum {

// Who acts. Roles are the plan roles the person holds (as holder or deputy), plus
// "emergency_contact" for a designated contact; the engine derives them from the plan.
struct Actor {
  std::string user;   // user id; "system:<source>" for a machine (e.g. "system:alertmanager")
  std::string party;  // party id; empty for a machine
  std::vector<std::string> roles;

  bool is_system() const { return party.empty(); }
  bool has_role(const std::string& role) const;
  bool operator==(const Actor&) const = default;
};

}  // namespace pactum
