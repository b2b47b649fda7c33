// The plan file, governance: who signs, the annual review, what a major change is.
#include <fmt/format.h>

#include "planfile/plan_reader/sections.hpp"

namespace pactum::planfile {
namespace {

// governance.signers: party id → the role ids whose holders and deputies sign for it (G1).
void read_signers(YamlCursor& r, const Node& n,
                  std::map<std::string, std::vector<std::string>>& out) {
  if (!n.present()) return;  // reported as missing by map()
  r.mark(n);
  if (!n.yaml.IsMap()) {
    r.error_at(n, "expected a mapping party → [roles], e.g. {A: [leader], B: [leader]}");
    return;
  }
  for (const auto& kv : n.yaml) {
    std::string party = kv.first.as<std::string>("");
    Node roles{kv.second, n.path + "." + party};
    r.mark(roles);
    out[party] = r.strings(roles);
  }
}

}  // namespace

void read_governance(YamlCursor& r, const Node& n, Governance& g) {
  if (!r.map(n, {"signatures", "signers", "annual_review", "major_changes", "archive_to"},
             {"signatures", "annual_review", "archive_to"})) {
    return;
  }
  g.signatures = r.strings(r.field(n, "signatures"), false);
  read_signers(r, r.field(n, "signers"), g.signers);
  if (auto c = r.cadence(r.field(n, "annual_review"), false)) g.annual_review = *c;
  g.major_changes = r.strings(r.field(n, "major_changes"), false);
  g.archive_to = r.text(r.field(n, "archive_to"), false);
}

}  // namespace pactum::planfile
