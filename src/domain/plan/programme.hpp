// The plan model, the standing programme: the fund, suppliers, backups, drills and training.
// Part of domain/plan.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/duration.hpp"
#include "domain/plan/basics.hpp"
#include "domain/text.hpp"

namespace pactum {

struct FundPolicy {                                 // F1–F4
  int reserve_basis_points = 500;                   // F1: 5 % = 500 bp
  Text account;                                     // F2
  Cadence reconciliation{Period::half_year, 1};     // F3
  int signatures = 3;                               // F4
  std::string review_by = "finance_lead";           // F4
  Duration request_expiry{30, DurationUnit::days};  // F4: an unpaid request dies after it
  std::optional<Money> safety_min;                  // L3 resource: safety-rectification reserve
  std::optional<Money> safety_max;
  // F1, F3: the party whose bank account holds the fund: the holders of review_by (the finance
  // lead) in that party owe its top-up and reconciliation duties. "any": either party's.
  std::string held_by = "any";
  Duration top_up_within{30, DurationUnit::days};  // F1: a shortfall is made good within this
};

struct Supplier {  // S1
  std::string id;
  Text name;
  Text contact_name;
  std::string phone;
  std::string email;
  Text scope;
  Text price;
};

struct SupplierPolicy {  // S1–S3
  int required = 10;
  Cadence integration_tests{Period::year, 2};
  int quotes_per_major_incident = 3;
  std::vector<Supplier> list;
};

struct BackupLocation {  // B1, B3
  std::string id;
  std::string kind;  // local | cloud
  Text name;
  bool isolated = false;
};

struct BackupPolicy {  // B1–B3
  Cadence schedule{Period::day, 1};
  Cadence restore_test{Period::month, 1};
  std::vector<BackupLocation> locations;
};

struct NamedItem {
  std::string id;
  Text name;
};

struct DrillPolicy {  // V2
  Cadence cadence{Period::quarter, 1};
  std::vector<std::string> kinds;  // tabletop | live
  std::vector<NamedItem> scenarios;
};

struct TrainingPolicy {  // E1–E4, C2
  std::vector<Text> content;
  bool on_joining = true;
  Duration onboarding_within{30, DurationUnit::days};  // E2: `on_joining: {within: 30d}`
  Duration remedial_within{30, DurationUnit::days};    // E4: `remedial: {within: 30d}`
  Cadence refresher{Period::year, 2};
  std::vector<std::string> core_roles;
  int pass_rate_percent = 80;
  Duration valid_for{1, DurationUnit::years};
};

}  // namespace pactum
