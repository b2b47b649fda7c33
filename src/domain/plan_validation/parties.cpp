// Plan validation, the people: the agreement, the parties, their contacts and roles, the backup
// group channels, and which roles may do what.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/plan_validation/checker.hpp"

namespace pactum::plan_validation {

void Checker::check_agreement() {
  const auto& a = plan_.agreement;
  if (a.value.minor <= 0) {
    error("agreement.value", "F1", "the total cooperation amount must be greater than zero");
  }
  if (a.ends <= a.starts) {
    error("agreement.ends", "G5", "the agreement must end after it starts");
  }
}

void Checker::check_parties() {
  unique_ids(plan_.parties, "parties");
  if (plan_.parties.size() != 2) {
    error("parties", "G1",
          fmt::format("a cooperation plan binds exactly two parties; found {}",
                      plan_.parties.size()));
  }
}

void Checker::check_contacts() {
  unique_ids(plan_.contacts, "contacts");
  for (std::size_t i = 0; i < plan_.contacts.size(); ++i) {
    const Contact& c = plan_.contacts[i];
    std::string path = at("contacts", i);
    party_exists(c.party, path + ".party", "C1");
    const std::pair<const std::string*, const char*> fields[] = {{&c.work_phone, "work_phone"},
                                                                 {&c.mobile, "mobile"},
                                                                 {&c.email, "email"},
                                                                 {&c.backup, "backup"}};
    for (const auto& [value, name] : fields) {
      if (value->empty()) {
        error(path + "." + name, "C1",
              fmt::format("contact \"{}\" has no {}: every contact needs a work phone, a mobile, "
                          "an email and a backup contact method",
                          c.id, name));
      }
    }
    if (!c.email.empty()) {
      auto at_sign = c.email.find('@');
      if (at_sign == std::string::npos || at_sign == 0 ||
          c.email.find('.', at_sign) == std::string::npos) {
        error(path + ".email", "C1",
              fmt::format("\"{}\" is not an email address (expected name@domain)", c.email));
      }
    }
  }
  for (std::size_t i = 0; i < plan_.parties.size(); ++i) {
    const Party& party = plan_.parties[i];
    bool has = std::any_of(plan_.contacts.begin(), plan_.contacts.end(), [&](const Contact& c) {
      return c.party == party.id && c.emergency_contact;
    });
    if (!has) {
      error(at("parties", i), "C1",
            fmt::format("party \"{}\" has no emergency contact: mark at least one of its contacts "
                        "with emergency_contact: true",
                        party.id));
    }
  }
}

void Checker::check_holder(const std::string& contact, const std::string& party,
                           const std::string& path, const char* what) {
  const Contact* c = plan_.find_contact(contact);
  if (!c) {
    error(path, "C3", fmt::format("{} \"{}\" is not a contact of the plan", what, contact));
  } else if (!party.empty() && c->party != party) {
    error(path, "C3",
          fmt::format("{} \"{}\" belongs to party \"{}\", not \"{}\"", what, contact, c->party,
                      party));
  }
}

void Checker::check_roles() {
  unique_ids(plan_.roles, "roles");
  for (std::size_t i = 0; i < plan_.roles.size(); ++i) {
    const Role& role = plan_.roles[i];
    std::string path = at("roles", i);
    std::set<std::string> parties_held;
    for (std::size_t j = 0; j < role.holders.size(); ++j) {
      const RoleHolder& h = role.holders[j];
      std::string hp = at(path + ".holders", j);
      if (role.scope == RoleScope::per_party) {
        if (h.party.empty()) {
          error(hp + ".party", "C3",
                fmt::format("role \"{}\" is per_party: each holder names its party", role.id));
        } else {
          party_exists(h.party, hp + ".party", "C3");
          if (!parties_held.insert(h.party).second) {
            error(hp + ".party", "C3",
                  fmt::format("role \"{}\" names party \"{}\" twice", role.id, h.party));
          }
        }
      }
      check_holder(h.holder, h.party, hp + ".holder", "holder");
      check_holder(h.deputy, h.party, hp + ".deputy", "deputy");
      if (h.holder == h.deputy) {
        error(hp + ".deputy", "C3",
              fmt::format("the deputy of role \"{}\" must be another person than its holder",
                          role.id));
      }
    }
    if (role.scope == RoleScope::joint && role.holders.size() != 1) {
      error(path + ".holders", "C3",
            fmt::format("joint role \"{}\" needs exactly one holder with a deputy; found {}",
                        role.id, role.holders.size()));
    }
    if (role.scope == RoleScope::per_party) {
      for (const auto& p : plan_.parties) {
        if (!parties_held.contains(p.id)) {
          error(path + ".holders", "C3",
                fmt::format("role \"{}\" has no holder for party \"{}\"", role.id, p.id));
        }
      }
    }
  }
}

void Checker::check_channels() {
  unique_ids(plan_.group_channels, "channels.group");
  if (plan_.group_channels.empty()) {
    warning("channels.group", "C4",
            "no backup group channel: C4 asks for an encrypted group (e.g. WeCom, DingTalk)");
  }
  for (std::size_t i = 0; i < plan_.group_channels.size(); ++i) {
    if (!plan_.group_channels[i].encrypted) {
      warning(at("channels.group", i) + ".encrypted", "C4",
              "the backup group channel should be encrypted (C4, M2)");
    }
  }
}

void Checker::check_permissions() {
  for (int a = 0; a <= static_cast<int>(kLastAction); ++a) {
    auto action = static_cast<Action>(a);
    auto it = plan_.permissions.find(action);
    std::string path = std::string("permissions.") + to_string(action);
    bool incident_action = a <= static_cast<int>(kLastIncidentAction);
    if (!incident_action && it == plan_.permissions.end()) continue;  // nobody may record it
    if (it == plan_.permissions.end() || it->second.roles.empty()) {
      error(path, "C3",
            fmt::format("no role may {}: list the roles allowed to do it", to_string(action)));
      continue;
    }
    for (std::size_t i = 0; i < it->second.roles.size(); ++i) {
      role_exists(it->second.roles[i], at(path + ".roles", i), "C3", true);
    }
  }
}

}  // namespace pactum::plan_validation
