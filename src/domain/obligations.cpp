#include "domain/obligations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/deadline_words.hpp"
#include "domain/governance/expiry.hpp"

namespace pactum {
namespace {

// Titles of the process obligations. Steps take their titles from the plan; the report's says
// the plan's own deadline (P1: "发现异常后2小时内向应急联系人报告" in the seed).
Text report_title(const Deadline& due) {
  Text when = deadline_words(due);
  return Text{when.zh + "向应急联系人报告", "Report to the emergency contact " + when.en};
}
const Text kSyncTitle{"应急联系人向小组其他成员同步信息", "Sync the report to every group member"};
const Text kAssessTitle{"完成初步影响评估并确定响应级别", "Assess the impact and set the level"};
const Text kResolveTitle{"修复问题", "Fix the problem"};
const Text kReviewSubmitTitle{"提交复盘报告", "Submit the review report"};
const Text kReviewApproveTitle{"小组审核报告，确认关闭事件", "Group approves the review"};

class Builder {
 public:
  Builder(const Plan& plan, const IncidentState& s, Instant now) : plan_(plan), s_(s), now_(now) {}

  std::vector<Obligation> run() {
    process();
    if (const Level* level = plan_.find_level(s_.level)) {
      for (const Step& step : level->steps) add_step(*level, step, true, std::nullopt);
      level_deadlines(*level, true, std::nullopt);
    }
    follow_ups();
    third_parties();
    former_levels();
    finish();
    expire();
    return std::move(out_);
  }

 private:
  std::optional<Instant> anchor(Anchor a, const std::string& level) const {
    switch (a) {
      case Anchor::discovered:
        return s_.report.discovered_at;
      case Anchor::reported:
        return s_.reported_at;
      case Anchor::synced:
        return s_.synced_at;
      case Anchor::assessed:
        return s_.assessed_at;
      case Anchor::level_set:
        return s_.level_set_at(level);
      case Anchor::resolved:
        return s_.resolved_at;
      case Anchor::review_submitted:
        return s_.review_submitted_at;
    }
    return std::nullopt;
  }

  std::string first_role(Action action) const {
    auto it = plan_.permissions.find(action);
    return it == plan_.permissions.end() || it->second.roles.empty() ? kAnyRole
                                                                     : it->second.roles.front();
  }

  std::string party_of(const std::string& selector) const {
    if (selector == "responsible") return s_.report.responsible_party;
    if (selector == "reporting") return s_.report.reporting_party;
    if (selector == "partner") {
      const Party* p = plan_.partner_of(s_.report.responsible_party);
      return p ? p->id : "any";
    }
    return selector;
  }

  // Fills starts/due/remind_at from a deadline, and the state from the done instant.
  void timed(Obligation& o, const std::optional<Deadline>& d, const std::string& level,
             std::optional<Instant> done) {
    o.done_at = done;
    if (d) {
      o.starts = anchor(d->from, level);
      if (o.starts) {
        o.due = plan_.calendar.add(*o.starts, d->within);
        auto window = *o.due - *o.starts;
        o.remind_at = *o.starts + window * plan_.escalation.remind_at_percent / 100;
      }
    }
    if (done) {
      o.state = o.due && *done > *o.due ? ObligationState::breached : ObligationState::met;
    } else if (d && !o.starts) {
      o.state = ObligationState::pending;
    } else if (o.due && now_ > *o.due) {
      o.state = ObligationState::breached;
    } else {
      o.state = ObligationState::open;
    }
  }

  void process() {
    const auto& p = plan_.process;
    Obligation report{.key = "report",
                      .kind = ObligationKind::report,
                      .rule = "P1",
                      .title = report_title(p.report),
                      .owner_role = first_role(Action::report),
                      .owner_party = s_.report.responsible_party};
    timed(report, p.report, "", s_.reported_at);
    out_.push_back(report);

    Obligation sync{.key = "sync",
                    .kind = ObligationKind::sync,
                    .rule = "P2",
                    .title = kSyncTitle,
                    .owner_role = first_role(Action::sync),
                    .owner_party = "any"};
    timed(sync, p.sync, "", s_.synced_at);
    out_.push_back(sync);

    Obligation assess{.key = "assess",
                      .kind = ObligationKind::assess,
                      .rule = "P3",
                      .title = kAssessTitle,
                      .owner_role = first_role(Action::assess),
                      .owner_party = "any"};
    timed(assess, p.assess, "", s_.assessed_at);
    out_.push_back(assess);
  }

  // A breach that happened while its level was in force stays a breach after the level changes.
  static bool breached_before(const Obligation& o, std::optional<Instant> left_at) {
    return o.state == ObligationState::breached && o.due && left_at && *o.due < *left_at;
  }

  void add_step(const Level& level, const Step& step, bool current,
                std::optional<Instant> left_at) {
    Obligation o{.key = "step:" + step.id,
                 .kind = ObligationKind::step,
                 .rule = step.rule.empty() ? level.id : step.rule,
                 .title = step.name,
                 .level = level.id,
                 .owner_role = step.owner.role,
                 .owner_party = party_of(step.owner.party),
                 .mandatory = step.mandatory};
    auto rec = s_.steps.find(step.id);
    bool done = rec != s_.steps.end() && !rec->second.waived;
    timed(o, step.due, level.id, done ? std::optional(rec->second.at) : std::nullopt);
    if (rec != s_.steps.end() && rec->second.waived) {
      waive(o, rec->second.reason);
    } else if (!done && !current && !breached_before(o, left_at)) {
      waive(o, superseded_reason(level.id));
    }
    if (done && step.notice) o.notice_ends = plan_.calendar.add(rec->second.at, *step.notice);
    out_.push_back(o);
  }

  void level_deadlines(const Level& level, bool current, std::optional<Instant> left_at) {
    struct Item {
      const std::optional<Deadline>& d;
      ObligationKind kind;
      const char* name;
      const Text& title;
      Action action;
      std::optional<Instant> done;
    };
    const Item items[] = {
        {level.resolve, ObligationKind::resolve, "resolve", kResolveTitle, Action::resolve,
         s_.resolved_at},
        {level.review_submit, ObligationKind::review_submit, "review_submit", kReviewSubmitTitle,
         Action::submit_review, s_.review_submitted_at},
        {level.review_approve, ObligationKind::review_approve, "review_approve",
         kReviewApproveTitle, Action::approve_review, s_.review_approved_at},
    };
    for (const auto& item : items) {
      if (!item.d) continue;
      bool approve = item.kind == ObligationKind::review_approve;
      Obligation o{.key = std::string(item.name) + ":" + level.id,
                   .kind = item.kind,
                   .rule = level.id,
                   .title = item.title,
                   .level = level.id,
                   .owner_role = first_role(item.action),
                   .owner_party = approve ? "any" : s_.report.responsible_party};
      timed(o, item.d, level.id, current ? item.done : std::nullopt);
      if (!current && !breached_before(o, left_at)) waive(o, superseded_reason(level.id));
      out_.push_back(o);
    }
  }

  void follow_ups() {
    if (!s_.review) return;
    for (const auto& a : s_.review->actions) {
      Obligation o{.key = "action:" + a.id,
                   .kind = ObligationKind::follow_up,
                   .rule = "V1",
                   .title = {a.text, a.text},
                   .owner_role = a.owner_role,
                   .owner_party = "any"};
      auto rec = s_.actions_done.find(a.id);
      o.done_at = rec == s_.actions_done.end() ? std::nullopt : std::optional(rec->second.at);
      o.starts = s_.review_submitted_at;
      o.due = a.due;
      if (o.done_at) {
        o.state = a.due && *o.done_at > *a.due ? ObligationState::breached : ObligationState::met;
      } else {
        o.state = a.due && now_ > *a.due ? ObligationState::breached : ObligationState::open;
      }
      out_.push_back(o);
    }
  }

  // X1, X3: a third party the plan names for the incident's condition is engaged once the
  // incident is still open `after` its report (at once without `after`), at any level, within the
  // third party's `within` (24h unless the plan says): breached after it, or when engaged later. An
  // incident resolved, closed or cancelled before then owes nothing; one engaged early is met.
  void third_parties() {
    for (const auto& x : plan_.third_parties) {
      if (!x.engaged_by || std::find(x.conditions.begin(), x.conditions.end(),
                                     s_.report.condition) == x.conditions.end()) {
        continue;
      }
      Instant starts = x.after ? plan_.calendar.add(s_.reported_at, *x.after) : s_.reported_at;
      auto done = s_.engaged.find(x.id);
      std::optional<Instant> ended;
      for (const auto& end : {s_.resolved_at, s_.closed_at, s_.cancelled_at}) {
        if (end && (!ended || *end < *ended)) ended = end;
      }
      if (done == s_.engaged.end() && ended && *ended <= starts) continue;
      Instant due = plan_.calendar.add(starts, x.within);
      Obligation o{.key = "third_party:" + x.id,
                   .kind = ObligationKind::third_party,
                   .rule = x.rule,
                   .title = {"联系" + x.name.zh, "Engage the " + x.name.en},
                   .owner_role = x.engaged_by->role,
                   .owner_party = party_of(x.engaged_by->party),
                   .starts = starts,
                   .due = due,
                   .remind_at = starts + (due - starts) * plan_.escalation.remind_at_percent / 100};
      if (done != s_.engaged.end()) {
        o.done_at = done->second.at;
        o.state = *o.done_at > due ? ObligationState::breached : ObligationState::met;
      } else if (now_ < starts) {
        o.state = ObligationState::pending;
      } else {
        o.state = now_ > due ? ObligationState::breached : ObligationState::open;
      }
      out_.push_back(o);
    }
  }

  // Steps of levels the incident has left: what was done stays as evidence, the rest is waived.
  void former_levels() {
    std::set<std::string> seen{s_.level};
    for (auto it = s_.levels.rbegin(); it != s_.levels.rend(); ++it) {
      if (!seen.insert(it->level).second) continue;
      const Level* level = plan_.find_level(it->level);
      if (!level) continue;
      // When the incident last left this level: the start of the period after it.
      std::optional<Instant> left_at;
      if (it != s_.levels.rbegin()) left_at = std::prev(it)->from;
      for (const Step& step : level->steps) add_step(*level, step, false, left_at);
      level_deadlines(*level, false, left_at);
    }
  }

  std::string superseded_reason(const std::string& level) const {
    return fmt::format("level changed from {} to {}", level, s_.level);
  }

  static void waive(Obligation& o, std::string reason) {
    o.state = ObligationState::waived;
    o.waived_reason = std::move(reason);
  }

  // A finished incident owes nothing more: what is still open or pending is waived.
  void finish() {
    std::string reason;
    if (s_.cancelled_at) {
      reason = "incident cancelled: " + s_.cancel_reason;
    } else if (s_.closed_at) {
      reason = "incident closed";
    } else {
      return;
    }
    for (auto& o : out_) {
      bool unfinished = o.state == ObligationState::open || o.state == ObligationState::pending ||
                        (o.state == ObligationState::breached && !o.done_at);
      // A breach that happened before the end stays a breach: that is evidence.
      bool breached_before_end =
          o.due && *o.due < *(s_.cancelled_at ? s_.cancelled_at : s_.closed_at);
      if (unfinished && !breached_before_end) waive(o, reason);
    }
  }

  // G5: after the agreement's end what is still owed is closed as expired, not breached.
  void expire() {
    if (!governance::expired(plan_, now_)) return;
    Instant end = governance::expires_at(plan_);
    for (auto& o : out_) {
      bool owed = o.state == ObligationState::open || o.state == ObligationState::pending ||
                  (o.state == ObligationState::breached && !o.done_at && o.due && *o.due >= end);
      if (owed) o.state = ObligationState::expired;
    }
  }

  const Plan& plan_;
  const IncidentState& s_;
  Instant now_;
  std::vector<Obligation> out_;
};

}  // namespace

const char* to_string(ObligationKind k) {
  switch (k) {
    case ObligationKind::report:
      return "report";
    case ObligationKind::sync:
      return "sync";
    case ObligationKind::assess:
      return "assess";
    case ObligationKind::step:
      return "step";
    case ObligationKind::resolve:
      return "resolve";
    case ObligationKind::review_submit:
      return "review_submit";
    case ObligationKind::review_approve:
      return "review_approve";
    case ObligationKind::follow_up:
      return "follow_up";
    case ObligationKind::third_party:
      return "third_party";
  }
  return "step";
}

const char* to_string(ObligationState s) {
  switch (s) {
    case ObligationState::pending:
      return "pending";
    case ObligationState::open:
      return "open";
    case ObligationState::met:
      return "met";
    case ObligationState::breached:
      return "breached";
    case ObligationState::waived:
      return "waived";
    case ObligationState::expired:
      return "expired";
  }
  return "open";
}

std::vector<Obligation> obligations(const Plan& plan, const IncidentState& state, Instant now) {
  if (!state.exists()) return {};
  return Builder(plan, state, now).run();
}

std::optional<Instant> next_deadline(const std::vector<Obligation>& obligations, Instant now) {
  std::optional<Instant> next;
  auto consider = [&](std::optional<Instant> t) {
    if (t && *t > now && (!next || *t < *next)) next = t;
  };
  for (const auto& o : obligations) {
    if (o.state != ObligationState::open) continue;
    consider(o.remind_at);
    consider(o.due);
  }
  return next;
}

}  // namespace pactum
