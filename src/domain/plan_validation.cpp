#include "domain/plan_validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/alert_rules.hpp"
#include "domain/message_template.hpp"

namespace pactum {
namespace {

std::string at(const std::string& list, std::size_t i) { return fmt::format("{}[{}]", list, i); }

class Checker {
 public:
  explicit Checker(const Plan& plan) : plan_(plan) {}

  std::vector<Diagnostic> run() {
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

 private:
  void error(std::string path, std::string rule, std::string message) {
    out_.push_back({Severity::error, std::move(path), std::move(rule), std::move(message)});
  }
  void warning(std::string path, std::string rule, std::string message) {
    out_.push_back({Severity::warning, std::move(path), std::move(rule), std::move(message)});
  }

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
                   bool allow_pseudo) {
    if (allow_pseudo && (role == kAnyRole || role == kEmergencyContactRole)) return;
    if (plan_.find_role(role)) return;
    std::string known;
    for (const auto& r : plan_.roles) known += (known.empty() ? "" : ", ") + r.id;
    if (allow_pseudo) known += std::string(", ") + kAnyRole + ", " + kEmergencyContactRole;
    error(path, rule, fmt::format("role \"{}\" is not defined (roles: {})", role, known));
  }

  void party_exists(const std::string& party, const std::string& path, const std::string& rule) {
    if (plan_.find_party(party)) return;
    error(path, rule, fmt::format("party \"{}\" is not defined (parties: {})", party, party_list()));
  }

  void level_exists(const std::string& level, const std::string& path, const std::string& rule) {
    if (plan_.find_level(level)) return;
    std::string known;
    for (const auto& l : plan_.levels) known += (known.empty() ? "" : ", ") + l.id;
    error(path, rule, fmt::format("level \"{}\" is not defined (levels: {})", level, known));
  }

  std::string party_list() const {
    std::string known;
    for (const auto& p : plan_.parties) known += (known.empty() ? "" : ", ") + p.id;
    return known;
  }

  void positive(const Duration& d, const std::string& path, const std::string& rule) {
    if (d.count <= 0) error(path, rule, fmt::format("duration {} must be longer than zero", d.text()));
  }

  void check_agreement() {
    const auto& a = plan_.agreement;
    if (a.value.minor <= 0) {
      error("agreement.value", "F1", "the total cooperation amount must be greater than zero");
    }
    if (a.ends <= a.starts) {
      error("agreement.ends", "G5", "the agreement must end after it starts");
    }
  }

  void check_parties() {
    unique_ids(plan_.parties, "parties");
    if (plan_.parties.size() != 2) {
      error("parties", "G1",
            fmt::format("a cooperation plan binds exactly two parties; found {}",
                        plan_.parties.size()));
    }
  }

  void check_contacts() {
    unique_ids(plan_.contacts, "contacts");
    for (std::size_t i = 0; i < plan_.contacts.size(); ++i) {
      const Contact& c = plan_.contacts[i];
      std::string path = at("contacts", i);
      party_exists(c.party, path + ".party", "C1");
      const std::pair<const std::string*, const char*> fields[] = {
          {&c.work_phone, "work_phone"}, {&c.mobile, "mobile"},
          {&c.email, "email"},           {&c.backup, "backup"}};
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

  void check_holder(const std::string& contact, const std::string& party, const std::string& path,
                    const char* what) {
    const Contact* c = plan_.find_contact(contact);
    if (!c) {
      error(path, "C3", fmt::format("{} \"{}\" is not a contact of the plan", what, contact));
    } else if (!party.empty() && c->party != party) {
      error(path, "C3",
            fmt::format("{} \"{}\" belongs to party \"{}\", not \"{}\"", what, contact, c->party,
                        party));
    }
  }

  void check_roles() {
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

  void check_channels() {
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

  void check_triggers() {
    unique_ids(plan_.triggers, "triggers");
    if (plan_.triggers.empty()) error("triggers", "T1", "the plan defines no trigger conditions");
    std::set<std::string> condition_ids;
    for (std::size_t i = 0; i < plan_.triggers.size(); ++i) {
      const auto& t = plan_.triggers[i];
      std::string path = at("triggers", i);
      if (t.conditions.empty()) {
        error(path + ".conditions", "T1",
              fmt::format("trigger \"{}\" lists no conditions", t.id));
      }
      for (std::size_t j = 0; j < t.conditions.size(); ++j) {
        const auto& c = t.conditions[j];
        std::string cp = at(path + ".conditions", j);
        if (!condition_ids.insert(c.id).second) {
          error(cp + ".id", "schema", fmt::format("duplicate condition id \"{}\"", c.id));
        }
        if (!c.alert) continue;
        level_exists(c.alert->level, cp + ".alert.level", "T5");
        if (c.alert->match.empty()) {
          error(cp + ".alert.match", "T5", "an alert rule needs at least one label matcher");
        }
        for (std::size_t k = 0; k < c.alert->match.size(); ++k) {
          const Matcher& m = c.alert->match[k];
          if (m.op != MatchOp::regex && m.op != MatchOp::not_regex) continue;
          if (auto e = regex_error(m.value)) {
            error(at(cp + ".alert.match", k), "T5",
                  fmt::format("\"{}\" is not a valid regular expression: {}", m.value, *e));
          }
        }
        // Prometheus' `for` is exact time; a working day or a month is not a firing duration.
        auto unit = c.alert->firing_for.unit;
        if (unit != DurationUnit::seconds && unit != DurationUnit::minutes && unit != DurationUnit::hours) {
          error(cp + ".alert.for", "T5",
                fmt::format("\"{}\" is not a firing duration: use seconds, minutes or hours (e.g. 10s, 30m, 72h)",
                            c.alert->firing_for.text()));
        }
        if (!c.alert->responsible.empty() && !plan_.find_party(c.alert->responsible)) {
          error(cp + ".alert.responsible", "T5",
                fmt::format("party \"{}\" is not defined (parties: {})", c.alert->responsible, party_list()));
        }
      }
    }
  }

  void check_assessment() {
    const auto& a = plan_.assessment;
    unique_ids(a.impact, "assessment.impact");
    unique_ids(a.urgency, "assessment.urgency");
    if (a.impact.empty()) error("assessment.impact", "P4", "no impact grades defined");
    if (a.urgency.empty()) error("assessment.urgency", "P4", "no urgency grades defined");
    for (const auto& [impact, row] : a.matrix) {
      bool known_impact = std::any_of(a.impact.begin(), a.impact.end(),
                                      [&](const Grade& g) { return g.id == impact; });
      if (!known_impact) {
        error("assessment.matrix." + impact, "P4",
              fmt::format("\"{}\" is not an impact grade", impact));
      }
      for (const auto& [urgency, level] : row) {
        std::string path = "assessment.matrix." + impact + "." + urgency;
        bool known_urgency = std::any_of(a.urgency.begin(), a.urgency.end(),
                                         [&](const Grade& g) { return g.id == urgency; });
        if (!known_urgency) {
          error(path, "P4", fmt::format("\"{}\" is not an urgency grade", urgency));
        }
        level_exists(level, path, "P4");
      }
    }
    for (const auto& i : a.impact) {
      for (const auto& u : a.urgency) {
        if (!plan_.suggested_level(i.id, u.id)) {
          error("assessment.matrix", "P4",
                fmt::format("the matrix has no level for impact \"{}\" × urgency \"{}\"", i.id,
                            u.id));
        }
      }
    }
  }

  void check_process() {
    const auto& p = plan_.process;
    positive(p.report.within, "process.report.within", "P1");
    positive(p.sync.within, "process.sync.within", "P2");
    positive(p.assess.within, "process.assess.within", "P3");
    if (p.report.from != Anchor::discovered) {
      error("process.report.from", "P1", "the report deadline counts from discovery (discovered)");
    }
    auto early = [](Anchor a) { return a == Anchor::discovered || a == Anchor::reported; };
    if (!early(p.sync.from)) {
      error("process.sync.from", "P2", "the sync deadline counts from discovered or reported");
    }
    if (!early(p.assess.from)) {
      error("process.assess.from", "P3", "the assessment deadline counts from discovered or reported");
    }
  }

  void check_owner_party(const std::string& party, const std::string& path) {
    static const std::set<std::string> kSelectors{"responsible", "reporting", "partner", "any"};
    if (kSelectors.contains(party) || plan_.find_party(party)) return;
    error(path, "L4",
          fmt::format("owner party \"{}\" is neither responsible, reporting, partner, any nor a "
                      "party id ({})",
                      party, party_list()));
  }

  void check_levels() {
    unique_ids(plan_.levels, "levels");
    if (plan_.levels.empty()) error("levels", "L1", "the plan defines no response levels");
    std::set<int> ranks;
    std::set<std::string> step_ids;
    for (std::size_t i = 0; i < plan_.levels.size(); ++i) {
      const Level& level = plan_.levels[i];
      std::string path = at("levels", i);
      if (level.rank <= 0) error(path + ".rank", "L4", "a level's rank must be 1 or more");
      if (!ranks.insert(level.rank).second) {
        error(path + ".rank", "L4",
              fmt::format("rank {} is used by two levels: ranks order levels by severity",
                          level.rank));
      }
      const std::pair<const std::optional<Deadline>*, const char*> deadlines[] = {
          {&level.resolve, "resolve"},
          {&level.review_submit, "review_submit"},
          {&level.review_approve, "review_approve"}};
      for (const auto& [d, name] : deadlines) {
        if (*d) positive((*d)->within, path + "." + name + ".within", level.id);
      }
      for (std::size_t j = 0; j < level.steps.size(); ++j) {
        const Step& step = level.steps[j];
        std::string sp = at(path + ".steps", j);
        if (!step_ids.insert(step.id).second) {
          error(sp + ".id", "schema", fmt::format("duplicate step id \"{}\"", step.id));
        }
        role_exists(step.owner.role, sp + ".owner.role", "L4", false);
        check_owner_party(step.owner.party, sp + ".owner.party");
        if (step.due) positive(step.due->within, sp + ".due.within", "L4");
        if (step.evidence.count < 0) {
          error(sp + ".evidence.count", "L4", "the evidence count cannot be negative");
        }
        if (step.notice) positive(*step.notice, sp + ".notice", "L3");
      }
    }
  }

  void check_permissions() {
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

  void check_escalation() {
    const auto& e = plan_.escalation;
    if (e.remind_at_percent <= 0 || e.remind_at_percent >= 100) {
      error("escalation.remind_at", "L4", "the reminder point must be between 0% and 100%");
    }
    for (std::size_t i = 0; i < e.waves.size(); ++i) {
      std::string path = at("escalation.waves", i);
      if (i > 0 && e.waves[i].after.count == 0) {
        warning(path + ".after", "L4", "a later escalation wave usually waits longer than zero");
      }
      for (std::size_t j = 0; j < e.waves[i].notify.size(); ++j) {
        const auto& who = e.waves[i].notify[j];
        if (who == "owner" || who == "deputy") continue;
        role_exists(who, at(path + ".notify", j), "L4", false);
      }
    }
    for (const auto& [period, lead] : e.duty_reminders) {
      positive(lead, fmt::format("escalation.duty_reminders.{}", to_string(period)), "L4");
    }
  }

  void check_fund() {
    const auto& f = plan_.fund;
    if (f.reserve_basis_points <= 0 || f.reserve_basis_points > 10000) {
      error("fund.reserve", "F1", "the reserve must be more than 0% and at most 100%");
    }
    if (f.signatures < 1) {
      error("fund.disbursement.signatures", "F4", "a disbursement needs at least one signature");
    } else if (static_cast<std::size_t>(f.signatures) > plan_.contacts.size()) {
      error("fund.disbursement.signatures", "F4",
            fmt::format("{} signatures are required but the group has only {} members",
                        f.signatures, plan_.contacts.size()));
    }
    role_exists(f.review_by, "fund.disbursement.review_by", "F4", false);
    positive(f.request_expiry, "fund.disbursement.expires", "F4");
    if (f.held_by != "any") party_exists(f.held_by, "fund.held_by", "F1");
    positive(f.top_up_within, "fund.top_up.within", "F1");
    if (f.safety_min && f.safety_max && *f.safety_min > *f.safety_max) {
      error("fund.safety_rectification", "L3", "min is greater than max");
    }
  }

  void check_suppliers() {
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

  void check_backups() {
    const auto& b = plan_.backups;
    unique_ids(b.locations, "backups.locations");
    for (const char* kind : {"local", "cloud"}) {
      bool has = std::any_of(b.locations.begin(), b.locations.end(),
                             [&](const BackupLocation& l) { return l.kind == kind; });
      if (!has) {
        warning("backups.locations", "B1",
                fmt::format("no {} backup location: B1 backs up to a local and a cloud location",
                            kind));
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
  void cadence_owner(const Cadence& c, const std::string& path, const std::string& rule) {
    if (!c.owner) return;
    role_exists(c.owner->role, path + ".owner.role", rule, false);
    if (c.owner->party != "any") party_exists(c.owner->party, path + ".owner.party", rule);
  }

  void check_cadence_owners() {
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

  void check_training() {
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

  void check_communication() {
    const auto& c = plan_.communication;
    unique_ids(c.meetings, "communication.meetings");
    for (std::size_t i = 0; i < c.meetings.size(); ++i) {
      if (c.meetings[i].id == kAnnualReviewMeeting) {
        error(at("communication.meetings", i) + ".id", "G2",
              fmt::format("\"{}\" is the joint annual review's own id (G2); name this meeting "
                          "otherwise",
                          kAnnualReviewMeeting));
      }
    }
    unique_ids(c.templates, "communication.templates");
    for (std::size_t i = 0; i < c.templates.size(); ++i) {
      template_variables(at("communication.templates", i), c.templates[i].subject,
                         c.templates[i].body);
    }
    for (std::size_t i = 0; i < c.meetings.size(); ++i) {
      // M1: the daily incident meeting runs by its cadence while an incident is at these levels.
      const Meeting& m = c.meetings[i];
      std::string path = at("communication.meetings", i) + ".while_incident_at";
      if (!m.while_incident_at.empty() && !m.cadence) {
        error(path, "M1",
              "a meeting held while an incident is open needs a cadence (e.g. cadence: {every: "
              "day}): how often it is held then");
      }
      for (std::size_t j = 0; j < m.while_incident_at.size(); ++j) {
        level_exists(m.while_incident_at[j], at(path, j), "M1");
      }
    }
    for (std::size_t i = 0; i < c.meetings.size(); ++i) {
      for (std::size_t j = 0; j < c.meetings[i].participants.size(); ++j) {
        role_exists(c.meetings[i].participants[j],
                    at(at("communication.meetings", i) + ".participants", j), "M1", false);
      }
    }
    unique_ids(plan_.third_parties, "third_parties");
    check_third_parties();
  }

  // X1, X3: the conditions a third party steps in for exist, and someone engages it.
  void check_third_parties() {
    for (std::size_t i = 0; i < plan_.third_parties.size(); ++i) {
      const auto& x = plan_.third_parties[i];
      std::string path = at("third_parties", i);
      std::string rule = x.rule.empty() ? "X1" : x.rule;
      for (std::size_t j = 0; j < x.conditions.size(); ++j) {
        bool known = std::any_of(plan_.triggers.begin(), plan_.triggers.end(), [&](const auto& t) {
          return std::any_of(t.conditions.begin(), t.conditions.end(),
                             [&](const auto& c) { return c.id == x.conditions[j]; });
        });
        if (!known) {
          error(at(path + ".conditions", j), rule,
                fmt::format("\"{}\" is not a condition of the plan's triggers", x.conditions[j]));
        }
      }
      if (!x.conditions.empty() && !x.engaged_by) {
        error(path + ".engaged_by", rule, "a third party with conditions needs engaged_by.role");
      } else if (x.engaged_by) {
        role_exists(x.engaged_by->role, path + ".engaged_by.role", rule, false);
      }
      positive(x.within, path + ".within", rule);
    }
  }

  void check_governance() {
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
  void check_signers() {
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

  // M1: a template (at `path`) uses only known variables, in each language of its subject and body.
  void template_variables(const std::string& path, const Text& subject, const Text& body) {
    const std::pair<const std::string*, const char*> texts[] = {
        {&subject.zh, "subject.zh"}, {&subject.en, "subject.en"},
        {&body.zh, "body.zh"}, {&body.en, "body.en"}};
    for (const auto& [text, name] : texts) {
      for (const auto& unknown : unknown_template_variables(*text)) {
        std::string known;
        for (const char* v : kTemplateVariables) known += (known.empty() ? "" : ", ") + std::string(v);
        error(path + "." + name, "M1",
              fmt::format("the template uses \"{}\", which is not a message variable (known: {})",
                          unknown, known));
      }
    }
  }

  // M1 and C4: every message the system sends has a template; templates use known variables;
  // a contact reached through a group robot belongs to a party that has one of that kind.
  void check_notifications() {
    const auto& n = plan_.notifications;
    for (std::size_t i = 0; i < n.templates.size(); ++i) {
      template_variables(at("notifications.templates", i), n.templates[i].subject,
                         n.templates[i].body);
    }
    for (const char* kind : {"report", "sync", "reminder", "breach"}) {
      if (!n.find(kind, "internal")) {
        error("notifications.templates", "M1",
              fmt::format("no template for {} messages to the group (kind: {}, audience: internal)",
                          kind, kind));
      }
    }
    for (std::size_t i = 0; i < plan_.levels.size(); ++i) {
      for (std::size_t j = 0; j < plan_.levels[i].steps.size(); ++j) {
        const Step& s = plan_.levels[i].steps[j];
        if (!s.notify_kind.empty() && !n.find(s.notify_kind, s.notify_audience)) {
          error(at(at("levels", i) + ".steps", j) + ".notify", "M1",
                fmt::format("no template for kind {} and audience {}", s.notify_kind,
                            s.notify_audience));
        }
      }
    }
    for (std::size_t i = 0; i < plan_.parties.size(); ++i) {
      const auto& g = plan_.parties[i].group_channel;
      bool known = g.empty() || std::any_of(plan_.group_channels.begin(), plan_.group_channels.end(),
                                            [&](const GroupChannel& c) { return c.id == g; });
      if (!known) {
        error(at("parties", i) + ".group_channel", "C4",
              fmt::format("\"{}\" is not one of channels.group", g));
      }
    }
    for (std::size_t i = 0; i < plan_.contacts.size(); ++i) {
      const Contact& c = plan_.contacts[i];
      for (const auto& [channel, name] : {std::pair{&c.preferred_channel, "preferred_channel"},
                                          std::pair{&c.backup_channel, "backup_channel"}}) {
        if (channel->empty() || *channel == "email" || *channel == "webhook") continue;
        const Party* party = plan_.find_party(c.party);
        const GroupChannel* group = nullptr;
        for (const auto& gc : plan_.group_channels) {
          if (party && gc.id == party->group_channel) group = &gc;
        }
        if (!group || group->kind != *channel) {
          error(at("contacts", i) + "." + name, "C4",
                fmt::format("contact \"{}\" is reached by {}, but party \"{}\" has no {} group "
                            "channel (parties[].group_channel)",
                            c.id, *channel, c.party, *channel));
        }
      }
    }
  }

  const Plan& plan_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> validate_plan(const Plan& plan) { return Checker(plan).run(); }

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace pactum
