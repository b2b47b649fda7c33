// The plan model: the cooperation agreement's emergency plan as data. Every number of the seed plan
// (2 h, 4 h, 5 %, 3 signatures, 80 % …) lives here, never as a constant in code.
// A Plan is produced by the plan-file loader (src/planfile) and checked by validate_plan().
// Requirement IDs (C1, P3, L2 …) refer to docs/requirements.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/duration.hpp"
#include "domain/text.hpp"

namespace pactum {

// What a deadline counts from. Each is an instant in the incident's life.
enum class Anchor { discovered, reported, synced, assessed, level_set, resolved, review_submitted };

struct Deadline {
  Duration within;
  Anchor from = Anchor::reported;
};

// Which party's role holder owns a step.
struct Owner {
  std::string role;
  std::string party = "responsible";  // responsible | reporting | partner | any | <party id>
};

// A recurring duty: `times` occurrences per calendar period, due by the period's end.
// `owner` says who answers for it (a role, and a party id or "any"); without it the duty is the
// group's as a whole.
struct Cadence {
  Period every = Period::year;
  int times = 1;
  std::optional<Owner> owner;
};

struct Party {
  std::string id;
  Text name;
  std::string group_channel;  // id of a channels.group entry: the party's group (C4); optional
};

struct Contact {  // C1: a member of the emergency contact group
  std::string id;
  std::string party;
  Text name;
  Text title;
  bool emergency_contact = false;  // designated 应急联系人
  std::string work_phone;
  std::string mobile;
  std::string email;
  std::string backup;  // backup contact method
  // How Pactum reaches this person (C4): email, or the party's group robot (wecom, dingtalk,
  // feishu, slack) mentioning them, or a generic webhook.
  std::string preferred_channel = "email";
  std::string backup_channel;  // optional
  // When the contact joined the group (E2: onboarding training within a window of it); absent:
  // the agreement's start.
  std::optional<date::local_days> joined;
};

struct RoleHolder {
  std::string party;  // empty for a joint role
  std::string holder;  // contact id
  std::string deputy;  // contact id
};

enum class RoleScope { per_party, joint };

struct Role {  // C3
  std::string id;
  Text name;
  Text duties;
  RoleScope scope = RoleScope::per_party;
  std::vector<RoleHolder> holders;
};

struct GroupChannel {  // C4, M2
  std::string id;
  std::string kind;  // wecom | dingtalk | feishu | slack | webhook | email
  Text name;
  bool encrypted = false;
};

enum class MatchOp { equal, not_equal, regex, not_regex };

struct Matcher {  // a Prometheus-style label matcher: name="value", name=~"re" …
  std::string label;
  MatchOp op = MatchOp::equal;
  std::string value;
};

struct AlertRule {  // T5: a machine signal that raises this trigger
  std::vector<Matcher> match;
  Duration firing_for;        // minimum firing duration
  std::string level;          // suggested level id
  std::vector<std::string> group_by;
  std::string responsible;    // the 责任方 of incidents it opens; empty: the alert's "party" label,
                              // else the first party
};

struct TriggerCondition {
  std::string id;
  Text name;
  std::optional<AlertRule> alert;
};

struct TriggerCategory {  // T1–T4
  std::string id;
  Text name;
  std::vector<TriggerCondition> conditions;
};

struct Grade {  // one row or column of the assessment matrix (P4)
  std::string id;
  Text name;
  Text description;
};

struct Assessment {  // P4
  std::vector<Grade> impact;
  std::vector<Grade> urgency;
  std::map<std::string, std::map<std::string, std::string>> matrix;  // impact -> urgency -> level
};

struct ProcessDeadlines {  // P1–P3
  Deadline report{{2, DurationUnit::hours}, Anchor::discovered};
  Deadline sync{{1, DurationUnit::hours}, Anchor::reported};
  Deadline assess{{4, DurationUnit::hours}, Anchor::reported};
};

enum class EvidenceKind { note, file, record };

struct EvidenceRule {
  EvidenceKind kind = EvidenceKind::note;
  int count = 1;  // how many items completing the step needs (S3: 3 quotes)
};

struct Step {  // L4: a tracked task of a level
  std::string id;
  Text name;
  Owner owner;
  std::optional<Deadline> due;
  EvidenceRule evidence;
  bool mandatory = true;
  std::optional<Duration> notice;  // a notice period, e.g. L3 termination: 30 days' written notice
  std::string rule;                // requirement id shown to people, e.g. "S3"
  // Completing the step sends a message (e.g. L3's risk notice to the partner); empty: none.
  std::string notify_kind;
  std::string notify_audience;
};

struct Level {  // L1–L3
  std::string id;
  int rank = 0;  // higher is more severe
  Text name;
  Text example;
  std::optional<Deadline> resolve;
  std::optional<Deadline> review_submit;
  std::optional<Deadline> review_approve;
  std::vector<Step> steps;
  std::vector<Text> resources;

  const Step* find_step(const std::string& step_id) const;
};

// Incident actions that the plan's permissions govern, then the programme's records (V2 drills,
// E1–E4 trainings, M1/G2 meetings) and their follow-through (completing any drill improvement or
// meeting action item besides its owner's own, waiving a programme duty): every incident action
// must be listed; a programme action that the plan does not list may not be done by anyone.
enum class Action {
  report, sync, assess, change_level, resolve, submit_review, approve_review, close, cancel,
  waive_step, note,
  send_external,  // M1: optional, like those after it (unlisted: nobody may)
  record_drill, record_training, record_meeting, complete_item, waive_duty,
  record_fund_movement, request_disbursement, pay_disbursement, reconcile_fund,
};
// The actions every plan must permit someone to do; those after it are optional.
inline constexpr Action kLastIncidentAction = Action::note;
inline constexpr Action kLastAction = Action::reconcile_fund;
const char* to_string(Action a);
std::optional<Action> parse_action(const std::string& name);

// Pseudo-roles usable in permissions: "any" (every member) and "emergency_contact" (C1).
inline constexpr const char* kAnyRole = "any";
inline constexpr const char* kEmergencyContactRole = "emergency_contact";

// Which parties' members a permission covers: every party's (the seed's joint group: both
// parties' leaders may change an incident's level), or only the party responsible for the
// incident (责任方), so that the other party's leader may not.
enum class PartyScope { any, own };
const char* to_string(PartyScope p);

struct Permission {  // C3: who may do an incident action
  std::vector<std::string> roles;  // role ids, or the pseudo-roles above
  PartyScope parties = PartyScope::any;
};

struct EscalationWave {
  Duration after;                   // after the breach
  std::vector<std::string> notify;  // owner | deputy | <role id>
};

struct Escalation {
  int remind_at_percent = 75;  // remind when this share of an obligation's window has passed
  std::vector<EscalationWave> waves;
  // Programme duties: how long before a duty per period of that kind falls due its
  // owner is reminded (`duty_reminders: {quarter: 7d, day: 12h}`). A duty of a period kind not
  // listed, or over a window (E2, E4), is reminded at remind_at_percent of its span.
  std::map<Period, Duration> duty_reminders;
};

struct Money {  // an amount in minor units (fen, cents): money is never a floating-point number
  std::int64_t minor = 0;
  bool operator==(const Money&) const = default;
  auto operator<=>(const Money&) const = default;
};
std::string format_money(Money m);  // "20000000.00"

struct Agreement {
  Text name;
  Money value;  // total cooperation amount (F1)
  std::string currency = "CNY";
  date::local_days starts;
  date::local_days ends;
};

struct FundPolicy {  // F1–F4
  int reserve_basis_points = 500;  // F1: 5 % = 500 bp
  Text account;                    // F2
  Cadence reconciliation{Period::half_year, 1};  // F3
  int signatures = 3;                            // F4
  std::string review_by = "finance_lead";        // F4
  Duration request_expiry{30, DurationUnit::days};  // F4: an unpaid request dies after it
  std::optional<Money> safety_min;               // L3 resource: safety-rectification reserve
  std::optional<Money> safety_max;
  // F1, F3: the party whose bank account holds the fund: the holders of review_by (the finance
  // lead) in that party owe its top-up and reconciliation duties. "any": either party's.
  std::string held_by = "any";
  Duration top_up_within{30, DurationUnit::days};  // F1: a shortfall is made good within this
};

struct Supplier {  // S1
  std::string id;
  Text name;
  Text contact_name;
  std::string phone;
  std::string email;
  Text scope;
  Text price;
};

struct SupplierPolicy {  // S1–S3
  int required = 10;
  Cadence integration_tests{Period::year, 2};
  int quotes_per_major_incident = 3;
  std::vector<Supplier> list;
};

struct BackupLocation {  // B1, B3
  std::string id;
  std::string kind;  // local | cloud
  Text name;
  bool isolated = false;
};

struct BackupPolicy {  // B1–B3
  Cadence schedule{Period::day, 1};
  Cadence restore_test{Period::month, 1};
  std::vector<BackupLocation> locations;
};

struct NamedItem {
  std::string id;
  Text name;
};

struct DrillPolicy {  // V2
  Cadence cadence{Period::quarter, 1};
  std::vector<std::string> kinds;  // tabletop | live
  std::vector<NamedItem> scenarios;
};

struct TrainingPolicy {  // E1–E4, C2
  std::vector<Text> content;
  bool on_joining = true;
  Duration onboarding_within{30, DurationUnit::days};  // E2: `on_joining: {within: 30d}`
  Duration remedial_within{30, DurationUnit::days};    // E4: `remedial: {within: 30d}`
  Cadence refresher{Period::year, 2};
  std::vector<std::string> core_roles;
  int pass_rate_percent = 80;
  Duration valid_for{1, DurationUnit::years};
};

struct Meeting {  // M1
  std::string id;
  Text name;
  Text frequency;
  std::vector<std::string> participants;  // role ids
  // M1: a meeting held per calendar period (the quarterly group meeting) is a programme duty;
  // one without (the daily incident meeting) is held as incidents need it.
  std::optional<Cadence> cadence;
  // M1: level ids; with them the cadence runs only while an incident is open at one of these
  // levels, a duty per period and incident (the daily incident meeting at L2 and L3).
  std::vector<std::string> while_incident_at;
};

// G2: the joint annual review is recorded as a meeting with this id (it needs no entry in
// communication.meetings).
inline constexpr const char* kAnnualReviewMeeting = "annual_review";

struct MessageTemplate {  // M1: a message to the outside, drafted from an incident
  std::string id;
  std::string audience;  // internal | partner | regulator | supplier | users
  Text name;
  Text subject;  // mustache, the variables of message_template.hpp
  Text body;
};

struct Communication {
  std::vector<Meeting> meetings;
  std::vector<MessageTemplate> templates;
};

struct ThirdParty {  // X1–X3
  std::string id;
  std::string rule;
  Text name;
  Text condition;
  std::optional<Duration> after;
  // X1, X3: an incident reported under one of these trigger conditions ("T3.funding") and still
  // open `after` its report (at once without `after`) obliges `engaged_by` to engage this third
  // party, at any level; empty: engaged as a level's step says (X2).
  std::vector<std::string> conditions;
  std::optional<Owner> engaged_by;
  // X1, X3: how long engaged_by has, once obliged, before the obligation is breached.
  Duration within{24, DurationUnit::hours};
};

struct Governance {  // G1–G5
  std::vector<std::string> signatures;  // parties whose signature and seal make the plan effective
  // Who signs for each party: party id → role ids; a role's holder or deputy in that party signs.
  std::map<std::string, std::vector<std::string>> signers;
  Cadence annual_review{Period::year, 1};
  std::vector<std::string> major_changes;
  Text archive_to;
};

// What a message is (its kind) and whom it addresses (its audience): M1's templates.
inline constexpr const char* kMessageKinds[] = {"report", "sync", "reminder", "breach", "risk_notice", "change", "proposal", "signer_key", "duty_reminder", "duty_breach"};
inline constexpr const char* kAudiences[] = {"internal", "partner", "regulator", "supplier", "users"};

struct NotificationTemplate {  // M1: mustache, in both languages
  std::string kind;
  std::string audience;
  Text subject;
  Text body;
};

struct NotificationPolicy {
  std::vector<NotificationTemplate> templates;
  Duration ack_valid_for{24, DurationUnit::hours};  // how long an acknowledgement link works
  int max_attempts = 8;                              // then the message is dead-lettered

  const NotificationTemplate* find(const std::string& kind, const std::string& audience) const;
};

struct Plan {
  std::string id;
  std::int64_t version = 1;
  Text title;
  Agreement agreement;
  Calendar calendar;
  std::vector<Party> parties;
  std::vector<Contact> contacts;
  std::vector<Role> roles;
  std::vector<GroupChannel> group_channels;
  Text paper_sheet_location;
  std::vector<TriggerCategory> triggers;
  Assessment assessment;
  ProcessDeadlines process;
  std::vector<Level> levels;
  std::map<Action, Permission> permissions;
  Escalation escalation;
  FundPolicy fund;
  SupplierPolicy suppliers;
  BackupPolicy backups;
  DrillPolicy drills;
  TrainingPolicy training;
  Communication communication;
  std::vector<ThirdParty> third_parties;
  Governance governance;
  NotificationPolicy notifications;

  const Party* find_party(const std::string& id) const;
  const Contact* find_contact(const std::string& id) const;
  const Role* find_role(const std::string& id) const;
  const Level* find_level(const std::string& id) const;
  const TriggerCategory* find_trigger(const std::string& id) const;
  // The other party of a two-party plan; nullptr if `party` is unknown.
  const Party* partner_of(const std::string& party) const;
  // The level the matrix suggests for (impact, urgency); nullptr if either grade is unknown.
  const std::string* suggested_level(const std::string& impact, const std::string& urgency) const;
  // Roles a contact holds as holder or deputy (C3), plus "emergency_contact" when designated (C1).
  std::vector<std::string> roles_of(const std::string& contact_id) const;
};

const char* to_string(Anchor a);
std::optional<Anchor> parse_anchor(const std::string& name);
const char* to_string(EvidenceKind k);

}  // namespace pactum
