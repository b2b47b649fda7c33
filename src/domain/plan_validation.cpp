// validate_plan: the checks in the order of the plan's sections (each group of sections has its
// file in plan_validation/), and the helpers they share.
#include "domain/plan_validation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/plan_validation/checker.hpp"

namespace pactum {
namespace plan_validation {

std::string at(const std::string& list, std::size_t i) { return fmt::format("{}[{}]", list, i); }

std::vector<Diagnostic> Checker::run() {
  check_agreement();
  check_parties();
  check_contacts();
  check_roles();
  check_channels();
  check_triggers();
  check_assessment();
  check_process();
  check_levels();
  check_permissions();
  check_escalation();
  check_fund();
  check_suppliers();
  check_backups();
  check_training();
  check_communication();
  check_governance();
  check_cadence_owners();
  check_notifications();
  return std::move(out_);
}

void Checker::error(std::string path, std::string rule, std::string message) {
  out_.push_back({Severity::error, std::move(path), std::move(rule), std::move(message)});
}

void Checker::warning(std::string path, std::string rule, std::string message) {
  out_.push_back({Severity::warning, std::move(path), std::move(rule), std::move(message)});
}

void Checker::role_exists(const std::string& role, const std::string& path, const std::string& rule,
                          bool allow_pseudo) {
  if (allow_pseudo && (role == kAnyRole || role == kEmergencyContactRole)) return;
  if (plan_.find_role(role)) return;
  std::string known;
  for (const auto& r : plan_.roles) known += (known.empty() ? "" : ", ") + r.id;
  if (allow_pseudo) known += std::string(", ") + kAnyRole + ", " + kEmergencyContactRole;
  error(path, rule, fmt::format("role \"{}\" is not defined (roles: {})", role, known));
}

void Checker::party_exists(const std::string& party, const std::string& path,
                           const std::string& rule) {
  if (plan_.find_party(party)) return;
  error(path, rule, fmt::format("party \"{}\" is not defined (parties: {})", party, party_list()));
}

void Checker::level_exists(const std::string& level, const std::string& path,
                           const std::string& rule) {
  if (plan_.find_level(level)) return;
  std::string known;
  for (const auto& l : plan_.levels) known += (known.empty() ? "" : ", ") + l.id;
  error(path, rule, fmt::format("level \"{}\" is not defined (levels: {})", level, known));
}

std::string Checker::party_list() const {
  std::string known;
  for (const auto& p : plan_.parties) known += (known.empty() ? "" : ", ") + p.id;
  return known;
}

void Checker::positive(const Duration& d, const std::string& path, const std::string& rule) {
  if (d.count <= 0) {
    error(path, rule, fmt::format("duration {} must be longer than zero", d.text()));
  }
}

}  // namespace plan_validation

std::vector<Diagnostic> validate_plan(const Plan& plan) {
  return plan_validation::Checker(plan).run();
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace pactum
