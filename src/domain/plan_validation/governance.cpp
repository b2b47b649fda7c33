// Plan validation, governance: both parties sign, and for each a role someone of it holds.
#include <fmt/format.h>

#include <algorithm>

#include "domain/plan_validation/checker.hpp"

namespace pactum::plan_validation {

void Checker::check_governance() {
  const auto& g = plan_.governance;
  for (std::size_t i = 0; i < g.signatures.size(); ++i) {
    party_exists(g.signatures[i], at("governance.signatures", i), "G1");
  }
  for (const auto& p : plan_.parties) {
    if (std::find(g.signatures.begin(), g.signatures.end(), p.id) == g.signatures.end()) {
      error("governance.signatures", "G1",
            fmt::format("party \"{}\" must sign: the plan takes effect once both parties have "
                        "signed and sealed it",
                        p.id));
    }
  }
  check_signers();
}

// G1: who signs for each party names defined roles that someone of that party holds.
void Checker::check_signers() {
  const auto& g = plan_.governance;
  for (const auto& [party, roles] : g.signers) {
    std::string path = "governance.signers." + party;
    party_exists(party, path, "G1");
    if (plan_.find_party(party) &&
        std::find(g.signatures.begin(), g.signatures.end(), party) == g.signatures.end()) {
      error(path, "G1",
            fmt::format("party \"{}\" has signers but is not in governance.signatures", party));
    }
    for (std::size_t i = 0; i < roles.size(); ++i) role_exists(roles[i], at(path, i), "G1", false);
    bool someone = std::any_of(plan_.contacts.begin(), plan_.contacts.end(), [&](const Contact& c) {
      if (c.party != party) return false;
      auto held = plan_.roles_of(c.id);
      return std::any_of(held.begin(), held.end(), [&](const std::string& r) {
        return std::find(roles.begin(), roles.end(), r) != roles.end();
      });
    });
    if (plan_.find_party(party) && !someone) {
      error(path, "G1",
            fmt::format("nobody of party \"{}\" holds a role that signs for it: name a role "
                        "with a holder or deputy of that party",
                        party));
    }
  }
  for (const auto& party : g.signatures) {
    if (!g.signers.contains(party) && plan_.find_party(party)) {
      // A warning, not an error: plans recorded before signers existed must still load.
      warning("governance.signers", "G1",
              fmt::format("party \"{}\" signs the plan but no role signs for it, so nobody "
                          "can: add e.g. {}: [leader]",
                          party, party));
    }
  }
}

}  // namespace pactum::plan_validation
