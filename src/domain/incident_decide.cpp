// decide(): the rules of an incident's life. Each handler checks, in order: that the incident is
// in a state that allows the command (failed_precondition), that the actor may do it
// (permission_denied), and that every field is present and meaningful (invalid_argument).
// It returns the events that record the decision; it changes nothing itself.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/evidence_rules.hpp"
#include "domain/external_message.hpp"
#include "domain/governance/signing.hpp"
#include "domain/incident.hpp"
#include "domain/overloaded.hpp"
#include "domain/permission.hpp"
#include "domain/quotes.hpp"

namespace pactum {
namespace {

constexpr std::size_t kMaxText = 20000;  // characters of free text in one field

using Events = std::vector<Event>;

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status require_text(const std::string& value, const char* field, const char* what) {
  if (blank(value)) return invalid(field, fmt::format("{} is required", what));
  if (value.size() > kMaxText) {
    return invalid(field, fmt::format("{} is longer than {} bytes", what, kMaxText));
  }
  return {};
}

std::string roles_text(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ", ") + r;
  return out;
}

class Decider {
 public:
  Decider(const Plan& plan, const IncidentState& s, const Actor& actor, Instant now)
      : plan_(plan), s_(s), actor_(actor), now_(now) {}

  Result<Events> operator()(const cmd::Report& c) {
    if (s_.exists()) {
      return Error{ErrorCode::conflict,
                   fmt::format("incident \"{}\" has already been reported", c.incident_id),
                   {}};
    }
    // G4: the plan applies during the agreement's term only.
    if (Status e = governance::check_within_term(plan_.agreement, plan_.calendar.local_day(now_),
                                                 "incident is reported");
        !e.ok()) {
      return e.error();
    }
    if (Status e = permitted(Action::report, c.responsible_party); !e.ok()) return e.error();
    if (blank(c.incident_id)) return invalid("incident_id", "an incident id is required");
    const TriggerCategory* trigger = plan_.find_trigger(c.trigger);
    if (!trigger) {
      return invalid("trigger", fmt::format("\"{}\" is not a trigger category of the plan "
                                            "(expected one of {})",
                                            c.trigger, trigger_ids()));
    }
    if (!c.condition.empty()) {
      bool known = std::any_of(trigger->conditions.begin(), trigger->conditions.end(),
                               [&](const TriggerCondition& x) { return x.id == c.condition; });
      if (!known) {
        return invalid("condition", fmt::format("\"{}\" is not a condition of trigger \"{}\"",
                                                c.condition, c.trigger));
      }
    }
    if (Status e = require_text(c.phenomenon, "phenomenon", "the phenomenon (问题现象)"); !e.ok())
      return e.error();
    if (Status e = require_text(c.scope, "scope", "the scope of impact (影响范围)"); !e.ok())
      return e.error();
    if (Status e = require_text(c.cause_guess, "cause_guess",
                                "the preliminary cause guess (初步原因猜测)");
        !e.ok()) {
      return e.error();
    }
    if (c.discovered_at > now_) {
      return invalid("discovered_at",
                     fmt::format("discovery time {} is in the future (now is {})",
                                 format_instant(c.discovered_at), format_instant(now_)));
    }
    if (!plan_.find_party(c.responsible_party)) {
      return invalid("responsible_party",
                     fmt::format("\"{}\" is not a party of the plan", c.responsible_party));
    }
    std::string reporting = c.reporting_party.empty() ? actor_.party : c.reporting_party;
    if (!plan_.find_party(reporting)) {
      return invalid("reporting_party",
                     fmt::format("\"{}\" is not a party of the plan", reporting));
    }
    if (!actor_.is_system() && reporting != actor_.party) {
      return denied(fmt::format("a member of party \"{}\" cannot report on behalf of party \"{}\"",
                                actor_.party, reporting));
    }
    return one(ev::Reported{c.incident_id, c.trigger, c.condition, c.phenomenon, c.scope,
                            c.cause_guess, c.discovered_at, reporting, c.responsible_party});
  }

  Result<Events> operator()(const cmd::Sync& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (Status e = permitted(Action::sync); !e.ok()) return e.error();
    if (c.note.size() > kMaxText) return invalid("note", "the note is too long");
    return one(ev::Synced{c.note});
  }

  Result<Events> operator()(const cmd::Assess& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (s_.assessed_at) {
      return precondition("the incident has already been assessed; change its level instead");
    }
    if (Status e = permitted(Action::assess); !e.ok()) return e.error();
    const std::string* suggested = plan_.suggested_level(c.impact, c.urgency);
    if (!suggested) {
      if (!has_grade(plan_.assessment.impact, c.impact)) {
        return invalid("impact", fmt::format("\"{}\" is not an impact grade (expected one of {})",
                                             c.impact, grade_ids(plan_.assessment.impact)));
      }
      return invalid("urgency", fmt::format("\"{}\" is not an urgency grade (expected one of {})",
                                            c.urgency, grade_ids(plan_.assessment.urgency)));
    }
    std::string level = c.level.empty() ? *suggested : c.level;
    if (!plan_.find_level(level)) {
      return invalid("level", fmt::format("\"{}\" is not a level of the plan", level));
    }
    if (level != *suggested && blank(c.reason)) {
      return invalid("reason",
                     fmt::format("overriding the suggested level {} with {} needs a reason",
                                 *suggested, level));
    }
    return one(ev::Assessed{c.impact, c.urgency, *suggested, level, c.reason});
  }

  Result<Events> operator()(const cmd::ChangeLevel& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.assessed_at) return precondition("the incident has no level yet: assess it first");
    if (s_.resolved_at) return precondition("the incident is resolved: its level is final");
    if (Status e = permitted(Action::change_level); !e.ok()) return e.error();
    if (!plan_.find_level(c.level)) {
      return invalid("level", fmt::format("\"{}\" is not a level of the plan", c.level));
    }
    if (c.level == s_.level) {
      return invalid("level", fmt::format("the incident is already at level {}", c.level));
    }
    if (Status e = require_text(c.reason, "reason", "a reason for the level change"); !e.ok())
      return e.error();
    return one(ev::LevelChanged{s_.level, c.level, c.reason});
  }

  Result<Events> operator()(const cmd::CompleteStep& c) {
    auto step = current_step(c.step);
    if (!step.ok()) return step.error();
    const Step& def = **step;
    if (Status e = owns(def); !e.ok()) return e.error();
    if (def.rule == kQuotesRule) {
      return precondition(
          fmt::format("step \"{}\" is done by recording the suppliers' quotes and "
                      "choosing one (S3): POST its quotes, then quotes/choose",
                      c.step));
    }
    if (Status e = evidence_error(c.evidence, def.evidence); !e.ok()) return e.error();
    return one(ev::StepCompleted{c.step, s_.level, c.evidence});
  }

  // X1, X3: the plan names the third party for the incident's condition; its engaged_by role (in
  // its party) engages it once, with evidence, at any level, also before `after` has passed.
  Result<Events> operator()(const cmd::EngageThirdParty& c) {
    if (Status e = open(); !e.ok()) return e.error();
    auto x = std::find_if(plan_.third_parties.begin(), plan_.third_parties.end(),
                          [&](const ThirdParty& t) { return t.id == c.third_party; });
    if (x == plan_.third_parties.end()) {
      return Error{ErrorCode::not_found,
                   fmt::format("the plan names no third party \"{}\"", c.third_party),
                   "third_party"};
    }
    if (!x->engaged_by || std::find(x->conditions.begin(), x->conditions.end(),
                                    s_.report.condition) == x->conditions.end()) {
      return precondition(fmt::format("the plan does not engage {} for condition \"{}\"", x->id,
                                      s_.report.condition));
    }
    if (s_.engaged.contains(x->id)) {
      return precondition(fmt::format("{} is already engaged", x->id));
    }
    Step as_step;  // who engages it, checked as a step's owner is
    as_step.id = x->id;
    as_step.owner = *x->engaged_by;
    if (Status e = owns(as_step); !e.ok()) return e.error();
    if (Status e = evidence_error(c.evidence, {EvidenceKind::note, 1}); !e.ok()) return e.error();
    return one(ev::ThirdPartyEngaged{x->id, c.evidence});
  }

  Result<Events> operator()(const cmd::RecordQuote& c) {
    auto step = quotes_step(c.step);
    if (!step.ok()) return step.error();
    if (Status e = quote_error(plan_, quotes_of(c.step), c.quote, now_); !e.ok()) return e.error();
    return one(ev::QuoteRecorded{c.step, s_.level, c.quote});
  }

  Result<Events> operator()(const cmd::ChooseQuote& c) {
    auto step = quotes_step(c.step);
    if (!step.ok()) return step.error();
    if (Status e = choice_error(plan_, quotes_of(c.step), c.supplier, c.reason, now_); !e.ok())
      return e.error();
    return one(ev::QuoteChosen{c.step, s_.level, c.supplier, c.reason});
  }

  Result<Events> operator()(const cmd::WaiveStep& c) {
    auto step = current_step(c.step);
    if (!step.ok()) return step.error();
    if (Status e = permitted(Action::waive_step); !e.ok()) return e.error();
    if (Status e = require_text(c.reason, "reason", "a reason for waiving the step"); !e.ok())
      return e.error();
    return one(ev::StepWaived{c.step, s_.level, c.reason});
  }

  Result<Events> operator()(const cmd::AddNote& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (Status e = permitted(Action::note); !e.ok()) return e.error();
    if (Status e = require_text(c.text, "text", "the note's text"); !e.ok()) return e.error();
    return one(ev::NoteAdded{c.text});
  }

  // M1: an edited draft of one of the plan's communication.templates, sent or downloaded while
  // the incident is not finished.
  Result<Events> operator()(const cmd::SendExternalMessage& c) {
    if (Status e = may_send_external(plan_, s_, actor_); !e.ok()) return e.error();
    auto message = external_message(plan_, s_, c);
    if (!message) return message.error();
    if (c.delivery == "email") return one(ev::ExternalMessageSent{std::move(*message)});
    return one(ev::ExternalMessageDownloaded{std::move(*message)});
  }

  Result<Events> operator()(const cmd::Resolve& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.assessed_at) {
      return precondition("the incident has not been assessed: set its level before resolving");
    }
    if (s_.resolved_at) return precondition("the incident is already resolved");
    if (Status e = permitted(Action::resolve); !e.ok()) return e.error();
    if (Status e = require_text(c.summary, "summary", "a summary of how it was resolved"); !e.ok())
      return e.error();
    return one(ev::Resolved{c.summary});
  }

  Result<Events> operator()(const cmd::SubmitReview& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.resolved_at)
      return precondition("the review is written after the incident is resolved");
    if (s_.review_approved_at) return precondition("the review has already been approved");
    if (Status e = permitted(Action::submit_review); !e.ok()) return e.error();
    const Review& r = c.review;
    if (Status e = require_text(r.location, "review.location", "where it happened"); !e.ok())
      return e.error();
    if (Status e = require_text(r.responsible, "review.responsible", "who was responsible");
        !e.ok())
      return e.error();
    if (Status e = require_text(r.direct_cause, "review.direct_cause", "the direct cause"); !e.ok())
      return e.error();
    if (Status e = require_text(r.indirect_cause, "review.indirect_cause", "the indirect cause");
        !e.ok()) {
      return e.error();
    }
    if (r.occurred_at > now_) {
      return invalid("review.occurred_at", "the time it happened cannot be in the future");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < r.actions.size(); ++i) {
      const auto& a = r.actions[i];
      std::string path = fmt::format("review.actions[{}]", i);
      if (blank(a.id)) return invalid(path + ".id", "a follow-up action needs an id");
      if (!ids.insert(a.id).second) {
        return invalid(path + ".id", fmt::format("duplicate follow-up action id \"{}\"", a.id));
      }
      if (blank(a.text)) return invalid(path + ".text", "a follow-up action needs a description");
      if (!plan_.find_role(a.owner_role)) {
        return invalid(path + ".owner_role",
                       fmt::format("\"{}\" is not a role of the plan", a.owner_role));
      }
    }
    return one(ev::ReviewSubmitted{r});
  }

  Result<Events> operator()(const cmd::CompleteAction& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.review) return precondition("no review with follow-up actions has been submitted");
    const auto& actions = s_.review->actions;
    auto it = std::find_if(actions.begin(), actions.end(),
                           [&](const FollowUpAction& a) { return a.id == c.action; });
    if (it == actions.end()) {
      return Error{ErrorCode::not_found,
                   fmt::format("the review has no follow-up action \"{}\"", c.action), "action"};
    }
    if (s_.actions_done.contains(c.action)) {
      return precondition(fmt::format("follow-up action \"{}\" is already done", c.action));
    }
    if (!actor_.has_role(it->owner_role)) {
      return denied(fmt::format("follow-up action \"{}\" belongs to role {}; you hold: {}",
                                c.action, it->owner_role, roles_text(actor_.roles)));
    }
    if (c.evidence.empty()) return invalid("evidence", "completing an action needs evidence");
    if (Status e = evidence_error(c.evidence, {EvidenceKind::note, 1}); !e.ok()) return e.error();
    return one(ev::ActionCompleted{c.action, c.evidence});
  }

  Result<Events> operator()(const cmd::ApproveReview& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.review_submitted_at) return precondition("no review has been submitted yet");
    if (s_.review_approved_at) return precondition("the review has already been approved");
    if (Status e = permitted(Action::approve_review); !e.ok()) return e.error();
    if (c.comment.size() > kMaxText) return invalid("comment", "the comment is too long");
    return one(ev::ReviewApproved{c.comment});
  }

  Result<Events> operator()(const cmd::Close& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (!s_.review_approved_at) {
      return precondition("the incident closes after its review (复盘报告) is approved");
    }
    if (Status e = permitted(Action::close); !e.ok()) return e.error();
    const Level* level = plan_.find_level(s_.level);
    std::vector<std::string> open_steps;
    for (const Step& step : level ? level->steps : std::vector<Step>{}) {
      if (step.mandatory && !s_.steps.contains(step.id)) open_steps.push_back(step.id);
    }
    if (!open_steps.empty()) {
      return precondition(
          fmt::format("mandatory steps are still open: {}", roles_text(open_steps)));
    }
    std::vector<std::string> open_actions;
    for (const auto& a : s_.review->actions) {
      if (!s_.actions_done.contains(a.id)) open_actions.push_back(a.id);
    }
    if (!open_actions.empty()) {
      return precondition(
          fmt::format("follow-up actions are still open: {}", roles_text(open_actions)));
    }
    return one(ev::Closed{c.summary});
  }

  Result<Events> operator()(const cmd::Cancel& c) {
    if (Status e = open(); !e.ok()) return e.error();
    if (Status e = permitted(Action::cancel); !e.ok()) return e.error();
    if (Status e = require_text(c.reason, "reason", "a reason for cancelling"); !e.ok())
      return e.error();
    return one(ev::Cancelled{c.reason});
  }

 private:
  Result<Events> one(EventData data) { return Events{Event{now_, actor_, std::move(data)}}; }

  Status open() const {
    if (!s_.exists()) return Error{ErrorCode::not_found, "the incident has not been reported", {}};
    if (s_.closed_at) return precondition("the incident is closed");
    if (s_.cancelled_at) return precondition("the incident was cancelled");
    return {};
  }

  Status permitted(Action action) const { return permitted(action, s_.report.responsible_party); }

  Status permitted(Action action, const std::string& responsible_party) const {
    return permission_error(plan_, action, actor_, responsible_party);
  }

  Result<const Step*> current_step(const std::string& step_id) const {
    if (Status e = open(); !e.ok()) return e.error();
    if (s_.level.empty()) return precondition("the incident has no level yet: assess it first");
    const Level* level = plan_.find_level(s_.level);
    const Step* step = level ? level->find_step(step_id) : nullptr;
    if (!step) {
      return Error{ErrorCode::not_found,
                   fmt::format("level {} has no step \"{}\"", s_.level, step_id), "step"};
    }
    if (s_.steps.contains(step_id)) {
      return precondition(fmt::format("step \"{}\" is already done", step_id));
    }
    return step;
  }

  // The party that owns a step of this incident ("any" when any party may).
  std::string owner_party(const Owner& owner) const {
    if (owner.party == "responsible") return s_.report.responsible_party;
    if (owner.party == "reporting") return s_.report.reporting_party;
    if (owner.party == "partner") {
      const Party* p = plan_.partner_of(s_.report.responsible_party);
      return p ? p->id : "";
    }
    return owner.party;
  }

  // S3: a step of the current level whose rule is S3, not yet done, and the actor owns it.
  Result<const Step*> quotes_step(const std::string& step_id) const {
    auto step = current_step(step_id);
    if (!step.ok()) return step.error();
    if ((*step)->rule != kQuotesRule) {
      return invalid("step",
                     fmt::format("step \"{}\" does not take quotes (its rule is not S3)", step_id));
    }
    if (Status e = owns(**step); !e.ok()) return e.error();
    return step;
  }

  std::vector<Quote> quotes_of(const std::string& step_id) const {
    auto it = s_.quotes.find(step_id);
    return it == s_.quotes.end() ? std::vector<Quote>{} : it->second;
  }

  Status owns(const Step& step) const {
    std::string party = owner_party(step.owner);
    bool party_ok = party == "any" || party == actor_.party;
    if (actor_.has_role(step.owner.role) && party_ok) return {};
    return denied(
        fmt::format("step \"{}\" belongs to the {} of party {}; you are a member of party "
                    "{} holding: {}",
                    step.id, step.owner.role, party, actor_.party,
                    actor_.roles.empty() ? "none" : roles_text(actor_.roles)));
  }

  std::string trigger_ids() const {
    std::string out;
    for (const auto& t : plan_.triggers) out += (out.empty() ? "" : ", ") + t.id;
    return out;
  }
  static bool has_grade(const std::vector<Grade>& grades, const std::string& id) {
    return std::any_of(grades.begin(), grades.end(), [&](const Grade& g) { return g.id == id; });
  }
  static std::string grade_ids(const std::vector<Grade>& grades) {
    std::string out;
    for (const auto& g : grades) out += (out.empty() ? "" : ", ") + g.id;
    return out;
  }

  const Plan& plan_;
  const IncidentState& s_;
  const Actor& actor_;
  Instant now_;
};

}  // namespace

Result<std::vector<Event>> decide(const Plan& plan, const IncidentState& state,
                                  const Command& command, const Actor& actor, Instant now) {
  Decider decider(plan, state, actor, now);
  return std::visit([&](const auto& c) { return decider(c); }, command);
}

}  // namespace pactum
