// The events of an incident: the facts its log records, decided from commands or recorded by the
// scheduler and the alert intake, and folded into its state by evolve(). Each has a stable type
// name (event_type). Part of domain/incident.hpp.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/incident/actor.hpp"
#include "domain/incident/records.hpp"
#include "domain/time.hpp"

namespace pactum {

namespace ev {
struct Reported {
  std::string incident_id;
  std::string trigger;
  std::string condition;
  std::string phenomenon;
  std::string scope;
  std::string cause_guess;
  Instant discovered_at;
  std::string reporting_party;
  std::string responsible_party;
  bool operator==(const Reported&) const = default;
};
struct Synced {
  std::string note;
  bool operator==(const Synced&) const = default;
};
struct Assessed {
  std::string impact;
  std::string urgency;
  std::string suggested_level;
  std::string level;
  std::string reason;
  bool operator==(const Assessed&) const = default;
};
struct LevelChanged {
  std::string from;
  std::string to;
  std::string reason;
  bool operator==(const LevelChanged&) const = default;
};
struct StepCompleted {
  std::string step;
  std::string level;
  std::vector<Evidence> evidence;
  bool operator==(const StepCompleted&) const = default;
};
struct StepWaived {
  std::string step;
  std::string level;
  std::string reason;
  bool operator==(const StepWaived&) const = default;
};
struct QuoteRecorded {  // S3
  std::string step;
  std::string level;
  Quote quote;
  bool operator==(const QuoteRecorded&) const = default;
};
struct QuoteChosen {  // S3: also completes the step, with the quotes' evidence
  std::string step;
  std::string level;
  std::string supplier;  // the chosen quote's key
  std::string reason;
  bool operator==(const QuoteChosen&) const = default;
};
struct ThirdPartyEngaged {  // X1, X3
  std::string third_party;
  std::vector<Evidence> evidence;
  bool operator==(const ThirdPartyEngaged&) const = default;
};
struct ExternalMessageSent {  // M1: by email, through the outbox, in the same transaction
  ExternalMessage message;
  bool operator==(const ExternalMessageSent&) const = default;
};
struct ExternalMessageDownloaded {  // M1: taken as a file, to be sent by other means
  ExternalMessage message;
  bool operator==(const ExternalMessageDownloaded&) const = default;
};
struct NoteAdded {
  std::string text;
  bool operator==(const NoteAdded&) const = default;
};
struct Resolved {
  std::string summary;
  bool operator==(const Resolved&) const = default;
};
struct ReviewSubmitted {
  Review review;
  bool operator==(const ReviewSubmitted&) const = default;
};
struct ActionCompleted {
  std::string action;
  std::vector<Evidence> evidence;
  bool operator==(const ActionCompleted&) const = default;
};
struct ReviewApproved {
  std::string comment;
  bool operator==(const ReviewApproved&) const = default;
};
struct Closed {
  std::string summary;
  bool operator==(const Closed&) const = default;
};
struct Cancelled {
  std::string reason;
  bool operator==(const Cancelled&) const = default;
};
// Recorded by the scheduler, not decided by a person: an obligation passed its due time undone,
// and each escalation wave the plan sets after that (L4, escalation.waves).
struct ObligationBreached {
  std::string obligation;  // Obligation::key
  Instant due;
  bool operator==(const ObligationBreached&) const = default;
};
struct ObligationReminded {  // the reminder point of an obligation's window passed (L4)
  std::string obligation;
  Instant due;
  bool operator==(const ObligationReminded&) const = default;
};
struct NotificationAcknowledged {  // someone reached by a message said "I have it"
  std::string obligation;  // the obligation whose escalation stops; empty for other messages
  std::string message;     // outbox message id
  std::string contact;     // who acknowledged
  bool operator==(const NotificationAcknowledged&) const = default;
};
struct ObligationEscalated {
  std::string obligation;
  int wave = 0;                         // index into escalation.waves
  std::vector<std::string> recipients;  // contact ids
  bool operator==(const ObligationEscalated&) const = default;
};
// Recorded by the alert intake (T5): a monitoring alert with the incident's grouping key joined
// the open incident, or an alert linked to it resolved. People still resolve and close it.
struct AlertAttached {
  std::string fingerprint;
  std::string alertname;
  std::string summary;  // the alert's summary annotation, if any
  Instant starts_at;
  bool operator==(const AlertAttached&) const = default;
};
struct AlertResolved {
  std::string fingerprint;
  std::string alertname;
  std::string summary;
  Instant ends_at;
  bool operator==(const AlertResolved&) const = default;
};
}  // namespace ev

using EventData =
    std::variant<ev::Reported, ev::Synced, ev::Assessed, ev::LevelChanged, ev::StepCompleted,
                 ev::StepWaived, ev::NoteAdded, ev::Resolved, ev::ReviewSubmitted,
                 ev::ActionCompleted, ev::ReviewApproved, ev::Closed, ev::Cancelled,
                 ev::ObligationBreached, ev::ObligationEscalated, ev::ObligationReminded,
                 ev::NotificationAcknowledged, ev::AlertAttached, ev::AlertResolved,
                 ev::QuoteRecorded, ev::QuoteChosen, ev::ThirdPartyEngaged, ev::ExternalMessageSent,
                 ev::ExternalMessageDownloaded>;

// The stable type name stored with an event, e.g. "incident.reported".
const char* event_type(const EventData& data);

struct Event {
  Instant at;
  Actor actor;
  EventData data;
  bool operator==(const Event&) const = default;
};

}  // namespace pactum
