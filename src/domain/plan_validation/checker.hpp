// The plan validator's state and shared helpers, internal to domain/plan_validation: validate_plan
// (plan_validation.cpp) runs the checks in the order of the plan's sections, and each file of
// plan_validation/ defines the checks of a group of sections (parties, response, programme,
// communication, governance). Nothing outside plan validation includes this header.
#pragma once

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "domain/plan_validation.hpp"

namespace pactum::plan_validation {

// "list[i]": the path of a list's i-th item.
std::string at(const std::string& list, std::size_t i);

class Checker {
 public:
  explicit Checker(const Plan& plan) : plan_(plan) {}

  // Every check, in the order of the plan's sections; the diagnostics they found.
  std::vector<Diagnostic> run();

 private:
  void error(std::string path, std::string rule, std::string message);
  void warning(std::string path, std::string rule, std::string message);

  template <class T>
  void unique_ids(const std::vector<T>& items, const std::string& list) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!seen.insert(items[i].id).second) {
        error(at(list, i) + ".id", "schema",
              fmt::format("duplicate id \"{}\": ids must be unique within {}", items[i].id, list));
      }
    }
  }

  void role_exists(const std::string& role, const std::string& path, const std::string& rule,
                   bool allow_pseudo);
  void party_exists(const std::string& party, const std::string& path, const std::string& rule);
  void level_exists(const std::string& level, const std::string& path, const std::string& rule);
  std::string party_list() const;
  void positive(const Duration& d, const std::string& path, const std::string& rule);

  // parties.cpp
  void check_agreement();
  void check_parties();
  void check_contacts();
  void check_holder(const std::string& contact, const std::string& party, const std::string& path,
                    const char* what);
  void check_roles();
  void check_channels();
  void check_permissions();

  // response.cpp
  void check_triggers();
  void check_assessment();
  void check_process();
  void check_owner_party(const std::string& party, const std::string& path);
  void check_levels();
  void check_escalation();
  void check_third_parties();

  // programme.cpp
  void check_fund();
  void check_suppliers();
  void check_backups();
  void cadence_owner(const Cadence& c, const std::string& path, const std::string& rule);
  void check_cadence_owners();
  void check_training();

  // communication.cpp
  void check_communication();
  void template_variables(const std::string& path, const Text& subject, const Text& body);
  void check_notifications();

  // governance.cpp
  void check_governance();
  void check_signers();

  const Plan& plan_;
  std::vector<Diagnostic> out_;
};

}  // namespace pactum::plan_validation
