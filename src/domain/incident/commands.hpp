// The commands people give an incident, which decide() checks against the plan and the state
// (domain/incident.hpp) and turns into events. Part of domain/incident.hpp.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/incident/records.hpp"
#include "domain/time.hpp"

namespace pactum {

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

}  // namespace pactum
