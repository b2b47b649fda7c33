// Plan validation, the standing programme: the fund, suppliers, backups and training, and the
// owner of every cadence.
#include <fmt/format.h>

#include <algorithm>

#include "domain/plan_validation/checker.hpp"

namespace pactum::plan_validation {

void Checker::check_fund() {
  const auto& f = plan_.fund;
  if (f.reserve_basis_points <= 0 || f.reserve_basis_points > 10000) {
    error("fund.reserve", "F1", "the reserve must be more than 0% and at most 100%");
  }
  if (f.signatures < 1) {
    error("fund.disbursement.signatures", "F4", "a disbursement needs at least one signature");
  } else if (static_cast<std::size_t>(f.signatures) > plan_.contacts.size()) {
    error("fund.disbursement.signatures", "F4",
          fmt::format("{} signatures are required but the group has only {} members", f.signatures,
                      plan_.contacts.size()));
  }
  role_exists(f.review_by, "fund.disbursement.review_by", "F4", false);
  positive(f.request_expiry, "fund.disbursement.expires", "F4");
  if (f.held_by != "any") party_exists(f.held_by, "fund.held_by", "F1");
  positive(f.top_up_within, "fund.top_up.within", "F1");
  if (f.safety_min && f.safety_max && *f.safety_min > *f.safety_max) {
    error("fund.safety_rectification", "L3", "min is greater than max");
  }
}

void Checker::check_suppliers() {
  const auto& s = plan_.suppliers;
  unique_ids(s.list, "suppliers.list");
  if (s.list.size() < static_cast<std::size_t>(s.required)) {
    warning("suppliers.list", "S1",
            fmt::format("{} alternative suppliers listed; the plan asks for {}", s.list.size(),
                        s.required));
  }
  if (s.quotes_per_major_incident < 1) {
    error("suppliers.quotes_per_major_incident", "S3", "at least one quote is needed");
  }
}

void Checker::check_backups() {
  const auto& b = plan_.backups;
  unique_ids(b.locations, "backups.locations");
  for (const char* kind : {"local", "cloud"}) {
    bool has = std::any_of(b.locations.begin(), b.locations.end(),
                           [&](const BackupLocation& l) { return l.kind == kind; });
    if (!has) {
      warning(
          "backups.locations", "B1",
          fmt::format("no {} backup location: B1 backs up to a local and a cloud location", kind));
    }
  }
  for (std::size_t i = 0; i < b.locations.size(); ++i) {
    if (!b.locations[i].isolated) {
      warning(at("backups.locations", i) + ".isolated", "B3",
              "backups should be stored in a physically isolated place");
    }
  }
}

// The owner a cadence names (V2, E3, M1, G2 …) must be a role of the plan, and its party a party
// id or "any".
void Checker::cadence_owner(const Cadence& c, const std::string& path, const std::string& rule) {
  if (!c.owner) return;
  role_exists(c.owner->role, path + ".owner.role", rule, false);
  if (c.owner->party != "any") party_exists(c.owner->party, path + ".owner.party", rule);
}

void Checker::check_cadence_owners() {
  cadence_owner(plan_.drills.cadence, "drills.cadence", "V2");
  cadence_owner(plan_.training.refresher, "training.refresher", "E3");
  cadence_owner(plan_.governance.annual_review, "governance.annual_review", "G2");
  cadence_owner(plan_.fund.reconciliation, "fund.reconciliation", "F3");
  cadence_owner(plan_.suppliers.integration_tests, "suppliers.integration_tests", "S2");
  cadence_owner(plan_.backups.schedule, "backups.schedule", "B1");
  cadence_owner(plan_.backups.restore_test, "backups.restore_test", "B2");
  const auto& meetings = plan_.communication.meetings;
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    if (meetings[i].cadence) {
      cadence_owner(*meetings[i].cadence, at("communication.meetings", i) + ".cadence", "M1");
    }
  }
}

void Checker::check_training() {
  const auto& t = plan_.training;
  positive(t.onboarding_within, "training.on_joining.within", "E2");
  positive(t.remedial_within, "training.remedial.within", "E4");
  for (std::size_t i = 0; i < t.core_roles.size(); ++i) {
    role_exists(t.core_roles[i], at("training.core_roles", i), "E3", false);
  }
  if (t.pass_rate_percent <= 0 || t.pass_rate_percent > 100) {
    error("training.pass_rate", "E4", "the pass rate must be between 1% and 100%");
  }
  positive(t.valid_for, "training.valid_for", "C2");
  unique_ids(plan_.drills.scenarios, "drills.scenarios");
}

}  // namespace pactum::plan_validation
