// Plan validation, the incident response: triggers, assessment, process deadlines, levels and
// their steps, escalation, and the third parties engaged.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/alert_rules.hpp"
#include "domain/plan_validation/checker.hpp"

namespace pactum::plan_validation {

void Checker::check_triggers() {
  unique_ids(plan_.triggers, "triggers");
  if (plan_.triggers.empty()) error("triggers", "T1", "the plan defines no trigger conditions");
  std::set<std::string> condition_ids;
  for (std::size_t i = 0; i < plan_.triggers.size(); ++i) {
    const auto& t = plan_.triggers[i];
    std::string path = at("triggers", i);
    if (t.conditions.empty()) {
      error(path + ".conditions", "T1", fmt::format("trigger \"{}\" lists no conditions", t.id));
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
      if (unit != DurationUnit::seconds && unit != DurationUnit::minutes &&
          unit != DurationUnit::hours) {
        error(cp + ".alert.for", "T5",
              fmt::format("\"{}\" is not a firing duration: use seconds, minutes or hours (e.g. "
                          "10s, 30m, 72h)",
                          c.alert->firing_for.text()));
      }
      if (!c.alert->responsible.empty() && !plan_.find_party(c.alert->responsible)) {
        error(cp + ".alert.responsible", "T5",
              fmt::format("party \"{}\" is not defined (parties: {})", c.alert->responsible,
                          party_list()));
      }
    }
  }
}

void Checker::check_assessment() {
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
        error(
            "assessment.matrix", "P4",
            fmt::format("the matrix has no level for impact \"{}\" × urgency \"{}\"", i.id, u.id));
      }
    }
  }
}

void Checker::check_process() {
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
    error("process.assess.from", "P3",
          "the assessment deadline counts from discovered or reported");
  }
}

void Checker::check_owner_party(const std::string& party, const std::string& path) {
  static const std::set<std::string> kSelectors{"responsible", "reporting", "partner", "any"};
  if (kSelectors.contains(party) || plan_.find_party(party)) return;
  error(path, "L4",
        fmt::format("owner party \"{}\" is neither responsible, reporting, partner, any nor a "
                    "party id ({})",
                    party, party_list()));
}

void Checker::check_levels() {
  unique_ids(plan_.levels, "levels");
  if (plan_.levels.empty()) error("levels", "L1", "the plan defines no response levels");
  std::set<int> ranks;
  std::set<std::string> step_ids;
  for (std::size_t i = 0; i < plan_.levels.size(); ++i) {
    const Level& level = plan_.levels[i];
    std::string path = at("levels", i);
    if (level.rank <= 0) error(path + ".rank", "L4", "a level's rank must be 1 or more");
    if (!ranks.insert(level.rank).second) {
      error(
          path + ".rank", "L4",
          fmt::format("rank {} is used by two levels: ranks order levels by severity", level.rank));
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

void Checker::check_escalation() {
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

// X1, X3: the conditions a third party steps in for exist, and someone engages it.
void Checker::check_third_parties() {
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

}  // namespace pactum::plan_validation
