#include "domain/programme/record_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/evidence_rules.hpp"
#include "domain/programme/action_items.hpp"

namespace pactum {
namespace {

std::string at(const char* list, std::size_t i) { return fmt::format("{}[{}]", list, i); }

Status not_future(Instant held_at, Instant now) {
  if (held_at > now) {
    return invalid("held_at", fmt::format("{} is in the future: record what was held",
                                          format_instant(held_at)));
  }
  return {};
}

// A non-empty list of distinct contacts of the roster.
Status people(const Plan& plan, const std::vector<std::string>& ids, const char* field) {
  if (ids.empty()) return invalid(field, fmt::format("{} must name at least one contact", field));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!plan.find_contact(ids[i])) {
      return invalid(at(field, i),
                     fmt::format("\"{}\" is not a contact of the plan's roster", ids[i]));
    }
    if (!seen.insert(ids[i]).second) {
      return invalid(at(field, i), fmt::format("\"{}\" is listed twice", ids[i]));
    }
  }
  return {};
}

// Each assessed person is one of `among` (the participants or attendees), assessed once.
Status assessment(const std::vector<AssessmentResult>& results,
                  const std::vector<std::string>& among, const char* among_field) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& c = results[i].contact;
    std::string field = at("assessment", i) + ".contact";
    if (std::find(among.begin(), among.end(), c) == among.end()) {
      return invalid(field, fmt::format("\"{}\" is not one of the {}", c, among_field));
    }
    if (!seen.insert(c).second) return invalid(field, fmt::format("\"{}\" is assessed twice", c));
  }
  return {};
}

std::string list_of(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

}  // namespace

Status record_permitted(const Plan& plan, Action action, const Actor& actor) {
  auto it = plan.permissions.find(action);
  if (it == plan.permissions.end() || it->second.roles.empty()) {
    return denied(fmt::format("the plan lets no role {} (permissions.{})", to_string(action),
                              to_string(action)));
  }
  if (actor.is_system()) return denied(fmt::format("a machine cannot {}", to_string(action)));
  const auto& roles = it->second.roles;
  bool ok = std::any_of(roles.begin(), roles.end(), [&](const std::string& role) {
    return role == kAnyRole || actor.has_role(role);
  });
  if (!ok) {
    return denied(fmt::format("to {} you need one of the roles {}; you hold: {}", to_string(action),
                              list_of(roles), actor.roles.empty() ? "none" : list_of(actor.roles)));
  }
  return {};
}

Status drill_error(const Plan& plan, const DrillRecord& d, Instant now) {
  const auto& kinds = plan.drills.kinds;
  if (std::find(kinds.begin(), kinds.end(), d.kind) == kinds.end()) {
    return invalid("kind", fmt::format("unknown drill kind \"{}\" (the plan's kinds: {})", d.kind,
                                       list_of(kinds)));
  }
  const auto& scenarios = plan.drills.scenarios;
  if (std::none_of(scenarios.begin(), scenarios.end(),
                   [&](const NamedItem& s) { return s.id == d.scenario; })) {
    std::vector<std::string> ids;
    for (const auto& s : scenarios) ids.push_back(s.id);
    return invalid("scenario", fmt::format("unknown scenario \"{}\" (the plan's scenarios: {})",
                                           d.scenario, list_of(ids)));
  }
  if (Status e = not_future(d.held_at, now); !e.ok()) return e;
  if (Status e = people(plan, d.participants, "participants"); !e.ok()) return e;
  if (d.duration) {
    auto u = d.duration->unit;
    bool span = u == DurationUnit::minutes || u == DurationUnit::hours || u == DurationUnit::days ||
                u == DurationUnit::calendar_days;
    if (!span || d.duration->count <= 0) {
      return invalid("duration", fmt::format("a drill runs for minutes, hours or days, e.g. 90m "
                                             "or 2h, not \"{}\"",
                                             d.duration->text()));
    }
  }
  if (!d.facilitator.empty() && !plan.find_contact(d.facilitator)) {
    return invalid("facilitator",
                   fmt::format("\"{}\" is not a contact of the plan's roster", d.facilitator));
  }
  if (Status e = items_error(plan, d.improvements, "improvements"); !e.ok()) return e;
  if (Status e = evidence_error(d.evidence, {EvidenceKind::note, 0}); !e.ok()) return e;
  return assessment(d.assessment, d.participants, "participants");
}

Status training_error(const Plan& plan, const Programme& programme, const TrainingRecord& t,
                      Instant now) {
  if (t.topics.empty()) return invalid("topics", "a training covers at least one topic");
  for (std::size_t i = 0; i < t.topics.size(); ++i) {
    const auto& topic = t.topics[i];
    bool known = std::any_of(plan.training.content.begin(), plan.training.content.end(),
                             [&](const Text& c) { return c.zh == topic || c.en == topic; });
    for (const auto& d : programme.drills) {
      known = known || std::any_of(d.improvements.begin(), d.improvements.end(),
                                   [&](const ActionItem& item) { return item.text == topic; });
    }
    if (!known) {
      return invalid(at("topics", i),
                     fmt::format("unknown topic \"{}\": a topic is one of the plan's "
                                 "training.content or an improvement item of a recorded drill",
                                 topic));
    }
  }
  if (!plan.find_contact(t.trainer)) {
    return invalid("trainer",
                   fmt::format("\"{}\" is not a contact of the plan's roster", t.trainer));
  }
  if (Status e = not_future(t.held_at, now); !e.ok()) return e;
  if (Status e = people(plan, t.attendees, "attendees"); !e.ok()) return e;
  return assessment(t.assessment, t.attendees, "attendees");
}

Status meeting_incident_error(const MeetingRecord& m, bool incident_exists) {
  if (m.incident.empty() || incident_exists) return {};
  return invalid("incident", fmt::format("unknown incident \"{}\"", m.incident));
}

Status meeting_error(const Plan& plan, const MeetingRecord& m, Instant now) {
  const auto& meetings = plan.communication.meetings;
  bool review = m.meeting == kAnnualReviewMeeting;
  if (!review && std::none_of(meetings.begin(), meetings.end(),
                              [&](const Meeting& x) { return x.id == m.meeting; })) {
    std::vector<std::string> ids;
    for (const auto& x : meetings) ids.push_back(x.id);
    ids.push_back(kAnnualReviewMeeting);
    return invalid("meeting", fmt::format("unknown meeting \"{}\" (the plan's meetings: {})",
                                          m.meeting, list_of(ids)));
  }
  if (Status e = not_future(m.held_at, now); !e.ok()) return e;
  if (Status e = people(plan, m.participants, "participants"); !e.ok()) return e;
  if (Status e = items_error(plan, m.actions, "actions"); !e.ok()) return e;
  if (!review) return {};
  for (const auto& party : plan.parties) {
    bool present = std::any_of(m.participants.begin(), m.participants.end(), [&](const auto& c) {
      return plan.find_contact(c)->party == party.id;
    });
    if (!present) {
      return invalid(
          "participants",
          fmt::format("the annual review (G2) is joint: no participant of party {}", party.id));
    }
  }
  if (std::none_of(std::begin(kReviewOutcomes), std::end(kReviewOutcomes),
                   [&](const char* o) { return m.outcome == o; })) {
    return invalid("outcome", fmt::format("the annual review's outcome is no_change or "
                                          "changes_proposed, not \"{}\"",
                                          m.outcome));
  }
  return {};
}

}  // namespace pactum
