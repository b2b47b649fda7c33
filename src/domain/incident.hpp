// An incident as decide/evolve: a command, checked against the plan and the current state, becomes
// events; the state is a left fold of evolve() over those events. decide() never changes anything:
// a refused command returns a precise error and no events. Time comes in as `now`.
// Rules: P1–P4 (report, sync, assess), L1–L4 (levels and steps), V1 (review), C3 (roles).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/plan.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum {

// Who acts. Roles are the plan roles the person holds (as holder or deputy), plus
// "emergency_contact" for a designated contact; the engine derives them from the plan.
struct Actor {
  std::string user;   // user id; "system:<source>" for a machine (e.g. "system:alertmanager")
  std::string party;  // party id; empty for a machine
  std::vector<std::string> roles;

  bool is_system() const { return party.empty(); }
  bool has_role(const std::string& role) const;
  bool operator==(const Actor&) const = default;
};

struct Evidence {
  EvidenceKind kind = EvidenceKind::note;
  std::string text;  // what it shows
  std::string ref;   // a file digest, URL or record number; optional for notes
  bool operator==(const Evidence&) const = default;
};

struct FollowUpAction {  // V1: tracked to completion
  std::string id;
  std::string text;
  std::string owner_role;
  std::optional<Instant> due;
  bool operator==(const FollowUpAction&) const = default;
};

enum class Avoidability { avoidable, partly, unavoidable };
const char* to_string(Avoidability a);
std::optional<Avoidability> parse_avoidability(const std::string& s);

struct Review {                // V1: the root-cause analysis template
  Instant occurred_at;         // when
  std::string location;        // where
  std::string responsible;     // who was responsible
  std::string direct_cause;    // e.g. operator error, ageing equipment
  std::string indirect_cause;  // e.g. missing process, insufficient training
  Avoidability avoidability = Avoidability::partly;
  std::string avoidability_notes;
  std::vector<FollowUpAction> actions;
  bool operator==(const Review&) const = default;
};

// S3: a supplier's quote for a major incident's quotes step (a step whose rule is S3). The
// supplier is one of the plan's register (suppliers.list id) or newly named (supplier_name).
struct Quote {
  std::string supplier;       // a suppliers.list id; empty for a supplier not on the register
  std::string supplier_name;  // the name of a supplier not on the register; empty otherwise
  std::int64_t amount = 0;    // in minor units (fen) of the plan's currency
  Instant valid_until;        // the quote holds until then
  std::vector<Evidence> evidence;
  // Who quoted: the register id, or the new supplier's name. Quotes come from distinct suppliers.
  const std::string& key() const { return supplier.empty() ? supplier_name : supplier; }
  bool operator==(const Quote&) const = default;
};

// M1: a message to the outside (a regulator, suppliers, users, the partner) or an internal
// bulletin, drafted from one of the plan's communication.templates and edited by a person: what
// was sent, exactly, and to whom. Its number (1, 2, … within the incident) names its outbox
// messages and its download.
struct ExternalMessage {
  std::int64_t number = 0;
  std::string template_id;  // a communication.templates id
  std::string audience;     // that template's audience
  std::string language;     // "zh-CN" | "en"
  std::string subject;      // as sent: an exercise's carries the exercise mark
  std::string body;
  std::vector<std::string> to;  // email addresses (optional for a download)
  bool operator==(const ExternalMessage&) const = default;
};

namespace cmd {
struct Report {  // P1 (the reporting party is the actor's)
  std::string incident_id;
  std::string trigger;      // category id, e.g. "T1"
  std::string condition;    // optional condition id within the category, e.g. "T1.outage"
  std::string phenomenon;   // 问题现象
  std::string scope;        // 影响范围
  std::string cause_guess;  // 初步原因猜测
  Instant discovered_at;
  std::string responsible_party;  // 责任方
  std::string reporting_party;    // optional: defaults to the actor's party (required for machines)
};
struct Sync {
  std::string note;
};               // P2
struct Assess {  // P3, P4
  std::string impact;
  std::string urgency;
  std::string level;   // optional: empty accepts the matrix's suggestion
  std::string reason;  // required when `level` overrides the suggestion
};
struct ChangeLevel {
  std::string level;
  std::string reason;
};  // L4
struct CompleteStep {
  std::string step;
  std::vector<Evidence> evidence;
};  // L4
struct WaiveStep {
  std::string step;
  std::string reason;
};
struct RecordQuote {  // S3
  std::string step;
  Quote quote;
};
// X1, X3: a third party the plan names was engaged, with evidence (the engagement letter, a call).
struct EngageThirdParty {
  std::string third_party;
  std::vector<Evidence> evidence;
};
// S3: the chosen quote (its Quote::key) with the reason; completes the step.
struct ChooseQuote {
  std::string step;
  std::string supplier;
  std::string reason;
};
struct AddNote {
  std::string text;
};
// M1: an edited draft, sent by email to `to` or downloaded to be sent by hand.
struct SendExternalMessage {
  std::string template_id;
  std::string language;  // "zh-CN", "zh" or "en"
  std::string subject;
  std::string body;
  std::vector<std::string> to;
  std::string delivery;  // email | download
};
struct Resolve {
  std::string summary;
};
struct SubmitReview {
  Review review;
};  // V1
struct CompleteAction {
  std::string action;
  std::vector<Evidence> evidence;
};  // V1
struct ApproveReview {
  std::string comment;
};
struct Close {
  std::string summary;
};
struct Cancel {
  std::string reason;
};  // a false alarm
}  // namespace cmd

using Command =
    std::variant<cmd::Report, cmd::Sync, cmd::Assess, cmd::ChangeLevel, cmd::CompleteStep,
                 cmd::WaiveStep, cmd::AddNote, cmd::Resolve, cmd::SubmitReview, cmd::CompleteAction,
                 cmd::ApproveReview, cmd::Close, cmd::Cancel, cmd::RecordQuote, cmd::ChooseQuote,
                 cmd::EngageThirdParty, cmd::SendExternalMessage>;

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

struct LevelPeriod {  // L4: the level history
  std::string level;
  Instant from;
  std::string reason;
};

struct StepRecord {
  std::string level;  // the level in force when it was done
  Instant at;
  Actor actor;
  bool waived = false;
  std::string reason;  // why it was waived
  std::vector<Evidence> evidence;
};

enum class IncidentStatus {
  reported,
  assessed,
  resolved,
  review_submitted,
  review_approved,
  closed,
  cancelled
};
const char* to_string(IncidentStatus s);

struct IncidentState {
  std::int64_t version = 0;  // events applied; 0 = the incident does not exist yet
  ev::Reported report;
  Actor reporter;
  Instant reported_at;
  IncidentStatus status = IncidentStatus::reported;
  std::optional<Instant> synced_at;
  std::optional<Instant> assessed_at;
  std::string impact;
  std::string urgency;
  std::string suggested_level;
  std::string level;  // current level; empty until assessed
  std::vector<LevelPeriod> levels;
  std::map<std::string, StepRecord> steps;  // by step id
  // S3: the quotes recorded for a quotes step, by step id, in the order recorded, and the choice.
  std::map<std::string, std::vector<Quote>> quotes;
  struct QuoteChoice {
    std::string supplier;
    std::string reason;
  };
  std::map<std::string, QuoteChoice> quote_choices;  // by step id
  std::map<std::string, StepRecord> engaged;         // X1, X3: third parties engaged, by their id
  std::optional<Instant> resolved_at;
  std::optional<Review> review;
  std::string review_submitted_by;
  std::optional<Instant> review_submitted_at;
  std::map<std::string, StepRecord> actions_done;  // follow-up actions, by id
  std::optional<Instant> review_approved_at;
  std::optional<Instant> closed_at;
  std::optional<Instant> cancelled_at;
  std::string cancel_reason;
  std::size_t notes = 0;
  std::int64_t external_messages = 0;  // M1: sent or downloaded, the last one's number
  struct Breach {
    Instant due;
    Instant recorded_at;
    int waves_sent = 0;
    std::set<std::string> reached;  // contacts its escalation waves were sent to
  };
  std::map<std::string, Breach> breaches;  // by obligation key, as recorded by the scheduler
  std::set<std::string> reminded;          // obligations whose reminder was recorded
  std::set<std::string> acknowledged;      // obligations whose escalation someone acknowledged:
                                           // no further waves (the breach stays recorded)
  std::map<std::string, bool>
      alerts;  // attached or resolved on the record: fingerprint → still firing

  bool exists() const { return version > 0; }
  bool finished() const { return closed_at || cancelled_at; }
  // When the current level was last set (for "from: level_set" deadlines).
  std::optional<Instant> level_set_at() const;
  std::optional<Instant> level_set_at(const std::string& level) const;
};

// Checks `command` by `actor` at `now` against the plan and state; returns the events to append,
// or why not (invalid_argument: a bad field; failed_precondition: not now; permission_denied:
// not this actor; conflict: the incident already exists).
Result<std::vector<Event>> decide(const Plan& plan, const IncidentState& state,
                                  const Command& command, const Actor& actor, Instant now);

// Applies one event. Events are facts: evolve never refuses one.
void evolve(IncidentState& state, const Event& event);

IncidentState replay(const std::vector<Event>& events);

}  // namespace pactum
