#include "domain/permission.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pactum {
namespace {

std::string roles_text(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + r;
  return out;
}

// The roles as a parameter of the refusal: ids joined by commas, for a client to split.
std::string roles_list(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

}  // namespace

Status permission_error(const Plan& plan, Action action, const Actor& actor,
                        const std::string& responsible_party) {
  auto it = plan.permissions.find(action);
  if (it == plan.permissions.end()) {
    return denied(fmt::format("the plan lets no role {}", to_string(action)))
        .because("permission.nobody", {{"action", to_string(action)}});
  }
  if (actor.is_system()) {
    // Machines (monitoring, T5) may raise a report, nothing else.
    if (action == Action::report) return {};
    return denied(fmt::format("a machine cannot {}", to_string(action)))
        .because("permission.machine", {{"action", to_string(action)}});
  }
  const Permission& p = it->second;
  bool role_ok = std::any_of(p.roles.begin(), p.roles.end(), [&](const std::string& role) {
    return role == kAnyRole || actor.has_role(role);
  });
  if (!role_ok) {
    return denied(fmt::format("to {} you need one of the roles {}; you hold: {}", to_string(action),
                              roles_text(p.roles),
                              actor.roles.empty() ? "none" : roles_text(actor.roles)))
        .because("permission.role_required",
                 {{"action", to_string(action)}, {"roles", roles_list(p.roles)}});
  }
  if (p.parties == PartyScope::own && actor.party != responsible_party) {
    return denied(fmt::format("the plan lets only members of the responsible party {} {} this "
                              "incident; you are a member of party {}",
                              responsible_party, to_string(action), actor.party))
        .because("permission.responsible_party_only",
                 {{"action", to_string(action)}, {"party", responsible_party}});
  }
  return {};
}

}  // namespace pactum
