// The plan model, the incident response: triggers and their alert rules, the assessment matrix,
// process deadlines, levels and their steps, escalation, and the third parties engaged. Part of
// domain/plan.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/duration.hpp"
#include "domain/plan/basics.hpp"
#include "domain/text.hpp"

namespace pactum {

enum class MatchOp { equal, not_equal, regex, not_regex };

struct Matcher {  // a Prometheus-style label matcher: name="value", name=~"re" …
  std::string label;
  MatchOp op = MatchOp::equal;
  std::string value;
};

struct AlertRule {  // T5: a machine signal that raises this trigger
  std::vector<Matcher> match;
  Duration firing_for;  // minimum firing duration
  std::string level;    // suggested level id
  std::vector<std::string> group_by;
  std::string responsible;  // the 责任方 of incidents it opens; empty: the alert's "party" label,
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

const char* to_string(EvidenceKind k);

}  // namespace pactum
