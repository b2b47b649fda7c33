// evolve(): how each event changes an incident's state. Events are facts already accepted, so
// nothing here refuses or validates; decide() did that before the event existed.
#include <algorithm>

#include "domain/incident.hpp"
#include "domain/overloaded.hpp"

namespace pactum {

bool Actor::has_role(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const char* to_string(Avoidability a) {
  switch (a) {
    case Avoidability::avoidable:
      return "avoidable";
    case Avoidability::partly:
      return "partly";
    case Avoidability::unavoidable:
      return "unavoidable";
  }
  return "partly";
}

std::optional<Avoidability> parse_avoidability(const std::string& s) {
  if (s == "avoidable") return Avoidability::avoidable;
  if (s == "partly") return Avoidability::partly;
  if (s == "unavoidable") return Avoidability::unavoidable;
  return std::nullopt;
}

const char* to_string(IncidentStatus s) {
  switch (s) {
    case IncidentStatus::reported:
      return "reported";
    case IncidentStatus::assessed:
      return "assessed";
    case IncidentStatus::resolved:
      return "resolved";
    case IncidentStatus::review_submitted:
      return "review_submitted";
    case IncidentStatus::review_approved:
      return "review_approved";
    case IncidentStatus::closed:
      return "closed";
    case IncidentStatus::cancelled:
      return "cancelled";
  }
  return "reported";
}

const char* event_type(const EventData& data) {
  return std::visit(
      Overloaded{
          [](const ev::Reported&) { return "incident.reported"; },
          [](const ev::Synced&) { return "incident.synced"; },
          [](const ev::Assessed&) { return "incident.assessed"; },
          [](const ev::LevelChanged&) { return "incident.level_changed"; },
          [](const ev::StepCompleted&) { return "incident.step_completed"; },
          [](const ev::StepWaived&) { return "incident.step_waived"; },
          [](const ev::NoteAdded&) { return "incident.note_added"; },
          [](const ev::Resolved&) { return "incident.resolved"; },
          [](const ev::ReviewSubmitted&) { return "incident.review_submitted"; },
          [](const ev::ActionCompleted&) { return "incident.action_completed"; },
          [](const ev::ReviewApproved&) { return "incident.review_approved"; },
          [](const ev::Closed&) { return "incident.closed"; },
          [](const ev::Cancelled&) { return "incident.cancelled"; },
          [](const ev::ObligationBreached&) { return "obligation.breached"; },
          [](const ev::ObligationEscalated&) { return "obligation.escalated"; },
          [](const ev::ObligationReminded&) { return "obligation.reminded"; },
          [](const ev::NotificationAcknowledged&) { return "notification.acknowledged"; },
          [](const ev::AlertAttached&) { return "incident.alert_attached"; },
          [](const ev::AlertResolved&) { return "incident.alert_resolved"; },
          [](const ev::QuoteRecorded&) { return "incident.quote_recorded"; },
          [](const ev::QuoteChosen&) { return "incident.quote_chosen"; },
          [](const ev::ThirdPartyEngaged&) { return "incident.third_party_engaged"; },
          [](const ev::ExternalMessageSent&) { return "incident.external_message_sent"; },
          [](const ev::ExternalMessageDownloaded&) {
            return "incident.external_message_downloaded";
          },
      },
      data);
}

std::optional<Instant> IncidentState::level_set_at() const {
  if (levels.empty()) return std::nullopt;
  return levels.back().from;
}

std::optional<Instant> IncidentState::level_set_at(const std::string& lvl) const {
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    if (it->level == lvl) return it->from;
  }
  return std::nullopt;
}

void evolve(IncidentState& s, const Event& e) {
  ++s.version;
  std::visit(Overloaded{
                 [&](const ev::Reported& r) {
                   s.report = r;
                   s.reporter = e.actor;
                   s.reported_at = e.at;
                   s.status = IncidentStatus::reported;
                 },
                 [&](const ev::Synced&) {
                   if (!s.synced_at) s.synced_at = e.at;
                 },
                 [&](const ev::Assessed& a) {
                   s.assessed_at = e.at;
                   s.impact = a.impact;
                   s.urgency = a.urgency;
                   s.suggested_level = a.suggested_level;
                   s.level = a.level;
                   s.levels.push_back({a.level, e.at, a.reason});
                   s.status = IncidentStatus::assessed;
                 },
                 [&](const ev::LevelChanged& c) {
                   s.level = c.to;
                   s.levels.push_back({c.to, e.at, c.reason});
                 },
                 [&](const ev::StepCompleted& c) {
                   s.steps[c.step] = {c.level, e.at, e.actor, false, {}, c.evidence};
                 },
                 [&](const ev::StepWaived& w) {
                   s.steps[w.step] = {w.level, e.at, e.actor, true, w.reason, {}};
                 },
                 [&](const ev::ThirdPartyEngaged& x) {
                   s.engaged[x.third_party] = {s.level, e.at, e.actor, false, {}, x.evidence};
                 },
                 [&](const ev::QuoteRecorded& q) { s.quotes[q.step].push_back(q.quote); },
                 [&](const ev::QuoteChosen& c) {  // S3: the choice completes the quotes step
                   s.quote_choices[c.step] = {c.supplier, c.reason};
                   std::vector<Evidence> evidence;
                   for (const auto& q : s.quotes[c.step]) {
                     evidence.insert(evidence.end(), q.evidence.begin(), q.evidence.end());
                   }
                   s.steps[c.step] = {c.level, e.at, e.actor, false, {}, std::move(evidence)};
                 },
                 [&](const ev::NoteAdded&) { ++s.notes; },
                 [&](const ev::ExternalMessageSent& m) {
                   s.external_messages = std::max(s.external_messages, m.message.number);
                 },
                 [&](const ev::ExternalMessageDownloaded& m) {
                   s.external_messages = std::max(s.external_messages, m.message.number);
                 },
                 [&](const ev::Resolved&) {
                   s.resolved_at = e.at;
                   s.status = IncidentStatus::resolved;
                 },
                 [&](const ev::ReviewSubmitted& r) {
                   s.review = r.review;
                   s.review_submitted_by = e.actor.user;
                   s.review_submitted_at = e.at;
                   s.status = IncidentStatus::review_submitted;
                 },
                 [&](const ev::ActionCompleted& a) {
                   s.actions_done[a.action] = {s.level, e.at, e.actor, false, {}, a.evidence};
                 },
                 [&](const ev::ReviewApproved&) {
                   s.review_approved_at = e.at;
                   s.status = IncidentStatus::review_approved;
                 },
                 [&](const ev::Closed&) {
                   s.closed_at = e.at;
                   s.status = IncidentStatus::closed;
                 },
                 [&](const ev::Cancelled& c) {
                   s.cancelled_at = e.at;
                   s.cancel_reason = c.reason;
                   s.status = IncidentStatus::cancelled;
                 },
                 [&](const ev::ObligationBreached& b) {
                   s.breaches[b.obligation] = {b.due, e.at, 0};
                 },
                 [&](const ev::ObligationEscalated& x) {
                   // A wave follows its breach; one without (a log from elsewhere) changes nothing.
                   auto it = s.breaches.find(x.obligation);
                   if (it != s.breaches.end()) {
                     it->second.waves_sent = std::max(it->second.waves_sent, x.wave + 1);
                     it->second.reached.insert(x.recipients.begin(), x.recipients.end());
                   }
                 },
                 [&](const ev::ObligationReminded& r) { s.reminded.insert(r.obligation); },
                 [&](const ev::NotificationAcknowledged& a) {
                   if (!a.obligation.empty()) s.acknowledged.insert(a.obligation);
                 },
                 [&](const ev::AlertAttached& a) { s.alerts[a.fingerprint] = true; },
                 [&](const ev::AlertResolved& a) { s.alerts[a.fingerprint] = false; },
             },
             e.data);
}

IncidentState replay(const std::vector<Event>& events) {
  IncidentState s;
  for (const auto& e : events) evolve(s, e);
  return s;
}

}  // namespace pactum
