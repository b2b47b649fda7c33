// decide(): the rules of an incident's life. Each handler checks, in order: that the incident is
// in a state that allows the command (failed_precondition) and that the actor may do it
// (permission_denied) — both by refusal() (incident_permits.hpp), which the incident page asks
// too —, then that every field is present and meaningful (invalid_argument).
// It returns the events that record the decision; it changes nothing itself.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/evidence_rules.hpp"
#include "domain/external_message.hpp"
#include "domain/governance/signing.hpp"
#include "domain/incident.hpp"
#include "domain/incident_permits.hpp"
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
  if (blank(value)) {
    return invalid(field, fmt::format("{} is required", what)).because("field.required");
  }
  if (value.size() > kMaxText) {
    return invalid(field, fmt::format("{} is longer than {} bytes", what, kMaxText))
        .because("field.too_long", {{"max", std::to_string(kMaxText)}});
  }
  return {};
}

class Decider {
 public:
  Decider(const Plan& plan, const IncidentState& s, const Actor& actor, Instant now)
      : plan_(plan), s_(s), actor_(actor), now_(now) {}

  Result<Events> operator()(const cmd::Report& c) {
    if (s_.exists()) {
      return Error{ErrorCode::conflict,
                   fmt::format("incident \"{}\" has already been reported", c.incident_id),
                   {}}
          .because("incident.exists", {{"incident", c.incident_id}});
    }
    // G4: the plan applies during the agreement's term only.
    if (Status e = governance::check_within_term(plan_.agreement, plan_.calendar.local_day(now_),
                                                 "incident is reported");
        !e.ok()) {
      return e.error();
    }
    if (Status e = permission_error(plan_, Action::report, actor_, c.responsible_party); !e.ok())
      return e.error();
    if (blank(c.incident_id)) {
      return invalid("incident_id", "an incident id is required").because("field.required");
    }
    const TriggerCategory* trigger = plan_.find_trigger(c.trigger);
    if (!trigger) {
      return invalid("trigger", fmt::format("\"{}\" is not a trigger category of the plan "
                                            "(expected one of {})",
                                            c.trigger, trigger_ids()))
          .because("field.unknown_value", {{"value", c.trigger}});
    }
    if (!c.condition.empty()) {
      bool known = std::any_of(trigger->conditions.begin(), trigger->conditions.end(),
                               [&](const TriggerCondition& x) { return x.id == c.condition; });
      if (!known) {
        return invalid("condition", fmt::format("\"{}\" is not a condition of trigger \"{}\"",
                                                c.condition, c.trigger))
            .because("field.unknown_value", {{"value", c.condition}});
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
                                 format_instant(c.discovered_at), format_instant(now_)))
          .because("time.in_future");
    }
    if (!plan_.find_party(c.responsible_party)) {
      return invalid("responsible_party",
                     fmt::format("\"{}\" is not a party of the plan", c.responsible_party))
          .because("field.unknown_value", {{"value", c.responsible_party}});
    }
    std::string reporting = c.reporting_party.empty() ? actor_.party : c.reporting_party;
    if (!plan_.find_party(reporting)) {
      return invalid("reporting_party", fmt::format("\"{}\" is not a party of the plan", reporting))
          .because("field.unknown_value", {{"value", reporting}});
    }
    if (!actor_.is_system() && reporting != actor_.party) {
      return denied(fmt::format("a member of party \"{}\" cannot report on behalf of party \"{}\"",
                                actor_.party, reporting))
          .because("report.other_party", {{"party", reporting}});
    }
    return one(ev::Reported{c.incident_id, c.trigger, c.condition, c.phenomenon, c.scope,
                            c.cause_guess, c.discovered_at, reporting, c.responsible_party});
  }

  Result<Events> operator()(const cmd::Sync& c) {
    if (Status e = gate(Act::sync); !e.ok()) return e.error();
    if (c.note.size() > kMaxText) return too_long("note", "the note is too long");
    return one(ev::Synced{c.note});
  }

  Result<Events> operator()(const cmd::Assess& c) {
    if (Status e = gate(Act::assess); !e.ok()) return e.error();
    const std::string* suggested = plan_.suggested_level(c.impact, c.urgency);
    if (!suggested) {
      if (!has_grade(plan_.assessment.impact, c.impact)) {
        return invalid("impact", fmt::format("\"{}\" is not an impact grade (expected one of {})",
                                             c.impact, grade_ids(plan_.assessment.impact)))
            .because("field.unknown_value", {{"value", c.impact}});
      }
      return invalid("urgency", fmt::format("\"{}\" is not an urgency grade (expected one of {})",
                                            c.urgency, grade_ids(plan_.assessment.urgency)))
          .because("field.unknown_value", {{"value", c.urgency}});
    }
    std::string level = c.level.empty() ? *suggested : c.level;
    if (!plan_.find_level(level)) {
      return invalid("level", fmt::format("\"{}\" is not a level of the plan", level))
          .because("field.unknown_value", {{"value", level}});
    }
    if (level != *suggested && blank(c.reason)) {
      return invalid("reason",
                     fmt::format("overriding the suggested level {} with {} needs a reason",
                                 *suggested, level))
          .because("assess.override_needs_reason", {{"suggested", *suggested}, {"level", level}});
    }
    return one(ev::Assessed{c.impact, c.urgency, *suggested, level, c.reason});
  }

  Result<Events> operator()(const cmd::ChangeLevel& c) {
    if (Status e = gate(Act::change_level); !e.ok()) return e.error();
    if (!plan_.find_level(c.level)) {
      return invalid("level", fmt::format("\"{}\" is not a level of the plan", c.level))
          .because("field.unknown_value", {{"value", c.level}});
    }
    if (c.level == s_.level) {
      return invalid("level", fmt::format("the incident is already at level {}", c.level))
          .because("level.unchanged", {{"level", c.level}});
    }
    if (Status e = require_text(c.reason, "reason", "a reason for the level change"); !e.ok())
      return e.error();
    return one(ev::LevelChanged{s_.level, c.level, c.reason});
  }

  Result<Events> operator()(const cmd::CompleteStep& c) {
    if (Status e = gate(Act::complete_step, c.step); !e.ok()) return e.error();
    const Step& def = *plan_.find_level(s_.level)->find_step(c.step);
    if (def.rule == kQuotesRule) {
      return precondition(fmt::format("step \"{}\" is done by recording the suppliers' quotes and "
                                      "choosing one (S3): POST its quotes, then quotes/choose",
                                      c.step))
          .because("step.quotes_only", {{"step", c.step}});
    }
    if (Status e = evidence_error(c.evidence, def.evidence); !e.ok()) return e.error();
    return one(ev::StepCompleted{c.step, s_.level, c.evidence});
  }

  // X1, X3: the plan names the third party for the incident's condition; its engaged_by role (in
  // its party) engages it once, with evidence, at any level, also before `after` has passed.
  Result<Events> operator()(const cmd::EngageThirdParty& c) {
    if (Status e = gate(Act::engage_third_party, c.third_party); !e.ok()) return e.error();
    if (Status e = evidence_error(c.evidence, {EvidenceKind::note, 1}); !e.ok()) return e.error();
    return one(ev::ThirdPartyEngaged{c.third_party, c.evidence});
  }

  Result<Events> operator()(const cmd::RecordQuote& c) {
    if (Status e = gate(Act::record_quotes, c.step); !e.ok()) return e.error();
    if (Status e = quote_error(plan_, quotes_of(c.step), c.quote, now_); !e.ok()) return e.error();
    return one(ev::QuoteRecorded{c.step, s_.level, c.quote});
  }

  Result<Events> operator()(const cmd::ChooseQuote& c) {
    if (Status e = gate(Act::record_quotes, c.step); !e.ok()) return e.error();
    if (Status e = choice_error(plan_, quotes_of(c.step), c.supplier, c.reason, now_); !e.ok())
      return e.error();
    return one(ev::QuoteChosen{c.step, s_.level, c.supplier, c.reason});
  }

  Result<Events> operator()(const cmd::WaiveStep& c) {
    if (Status e = gate(Act::waive_step, c.step); !e.ok()) return e.error();
    if (Status e = require_text(c.reason, "reason", "a reason for waiving the step"); !e.ok())
      return e.error();
    return one(ev::StepWaived{c.step, s_.level, c.reason});
  }

  Result<Events> operator()(const cmd::AddNote& c) {
    if (Status e = gate(Act::note); !e.ok()) return e.error();
    if (Status e = require_text(c.text, "text", "the note's text"); !e.ok()) return e.error();
    return one(ev::NoteAdded{c.text});
  }

  // M1: an edited draft of one of the plan's communication.templates, sent or downloaded while
  // the incident is not finished.
  Result<Events> operator()(const cmd::SendExternalMessage& c) {
    if (Status e = gate(Act::send_external); !e.ok()) return e.error();
    auto message = external_message(plan_, s_, c);
    if (!message) return message.error();
    if (c.delivery == "email") return one(ev::ExternalMessageSent{std::move(*message)});
    return one(ev::ExternalMessageDownloaded{std::move(*message)});
  }

  Result<Events> operator()(const cmd::Resolve& c) {
    if (Status e = gate(Act::resolve); !e.ok()) return e.error();
    if (Status e = require_text(c.summary, "summary", "a summary of how it was resolved"); !e.ok())
      return e.error();
    return one(ev::Resolved{c.summary});
  }

  Result<Events> operator()(const cmd::SubmitReview& c) {
    if (Status e = gate(Act::submit_review); !e.ok()) return e.error();
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
      return invalid("review.occurred_at", "the time it happened cannot be in the future")
          .because("time.in_future");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < r.actions.size(); ++i) {
      const auto& a = r.actions[i];
      std::string path = fmt::format("review.actions[{}]", i);
      if (blank(a.id)) {
        return invalid(path + ".id", "a follow-up action needs an id").because("field.required");
      }
      if (!ids.insert(a.id).second) {
        return invalid(path + ".id", fmt::format("duplicate follow-up action id \"{}\"", a.id))
            .because("field.duplicate", {{"value", a.id}});
      }
      if (blank(a.text)) {
        return invalid(path + ".text", "a follow-up action needs a description")
            .because("field.required");
      }
      if (!plan_.find_role(a.owner_role)) {
        return invalid(path + ".owner_role",
                       fmt::format("\"{}\" is not a role of the plan", a.owner_role))
            .because("field.unknown_value", {{"value", a.owner_role}});
      }
    }
    return one(ev::ReviewSubmitted{r});
  }

  Result<Events> operator()(const cmd::CompleteAction& c) {
    if (Status e = gate(Act::complete_action, c.action); !e.ok()) return e.error();
    if (c.evidence.empty()) {
      return invalid("evidence", "completing an action needs evidence")
          .because("evidence.missing", {{"count", "1"}, {"kind", "note"}, {"got", "0"}});
    }
    if (Status e = evidence_error(c.evidence, {EvidenceKind::note, 1}); !e.ok()) return e.error();
    return one(ev::ActionCompleted{c.action, c.evidence});
  }

  Result<Events> operator()(const cmd::ApproveReview& c) {
    if (Status e = gate(Act::approve_review); !e.ok()) return e.error();
    if (c.comment.size() > kMaxText) return too_long("comment", "the comment is too long");
    return one(ev::ReviewApproved{c.comment});
  }

  Result<Events> operator()(const cmd::Close& c) {
    if (Status e = gate(Act::close); !e.ok()) return e.error();
    return one(ev::Closed{c.summary});
  }

  Result<Events> operator()(const cmd::Cancel& c) {
    if (Status e = gate(Act::cancel); !e.ok()) return e.error();
    if (Status e = require_text(c.reason, "reason", "a reason for cancelling"); !e.ok())
      return e.error();
    return one(ev::Cancelled{c.reason});
  }

 private:
  Result<Events> one(EventData data) { return Events{Event{now_, actor_, std::move(data)}}; }

  // The state and permission checks of `act` on `target`: one function with the incident page's.
  Status gate(Act act, const std::string& target = {}) const {
    return refusal(plan_, s_, actor_, act, target);
  }

  static Error too_long(const char* field, const char* message) {
    return invalid(field, message).because("field.too_long", {{"max", std::to_string(kMaxText)}});
  }

  std::vector<Quote> quotes_of(const std::string& step_id) const {
    auto it = s_.quotes.find(step_id);
    return it == s_.quotes.end() ? std::vector<Quote>{} : it->second;
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
