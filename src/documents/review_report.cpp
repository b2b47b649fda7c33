#include "documents/review_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "documents/incident_summary.hpp"
#include "documents/layout.hpp"
#include "documents/words.hpp"
#include "domain/overloaded.hpp"

namespace pactum::documents {
namespace {

// One line of the timeline: what the event recorded.
std::string describe(const Words& w, const EventData& data) {
  return std::visit(
      Overloaded{
          [&](const ev::Reported& e) {
            return fmt::format("{}: {}", w.l("报告", "Reported"), e.phenomenon);
          },
          [&](const ev::Synced& e) {
            return fmt::format("{} {}", w.l("已同步全体成员", "Synced to every member"), e.note);
          },
          [&](const ev::Assessed& e) {
            return fmt::format("{}: {} ({} {} · {} {}) {}", w.l("评估", "Assessed"),
                               w.level(e.level), w.l("影响", "impact"), w.impact(e.impact),
                               w.l("紧急", "urgency"), w.urgency(e.urgency), e.reason);
          },
          [&](const ev::LevelChanged& e) {
            return fmt::format("{}: {} → {} · {}", w.l("级别变更", "Level changed"),
                               w.level(e.from), w.level(e.to), e.reason);
          },
          [&](const ev::StepCompleted& e) {
            return fmt::format("{}: {} · {}", w.l("步骤完成", "Step done"), e.step,
                               evidence_text(w, e.evidence));
          },
          [&](const ev::StepWaived& e) {
            return fmt::format("{}: {} · {}", w.l("步骤免除", "Step waived"), e.step, e.reason);
          },
          [&](const ev::NoteAdded& e) {
            return fmt::format("{}: {}", w.l("备注", "Note"), e.text);
          },
          [&](const ev::Resolved& e) {
            return fmt::format("{}: {}", w.l("处置完成", "Resolved"), e.summary);
          },
          [&](const ev::ReviewSubmitted&) {
            return std::string(w.l("提交复盘报告", "Review submitted"));
          },
          [&](const ev::ActionCompleted& e) {
            return fmt::format("{}: {} · {}", w.l("改进措施完成", "Follow-up action done"),
                               e.action, evidence_text(w, e.evidence));
          },
          [&](const ev::ReviewApproved& e) {
            return fmt::format("{} {}", w.l("复盘报告审核通过", "Review approved"), e.comment);
          },
          [&](const ev::Closed& e) {
            return fmt::format("{}: {}", w.l("事件关闭", "Closed"), e.summary);
          },
          [&](const ev::Cancelled& e) {
            return fmt::format("{}: {}", w.l("撤销", "Cancelled"), e.reason);
          },
          [&](const ev::ObligationBreached& e) {
            return fmt::format("{}: {} ({} {})", w.l("超时", "Overdue"), e.obligation,
                               w.l("期限", "due"), w.time(e.due));
          },
          [&](const ev::ObligationEscalated& e) {
            return fmt::format("{}: {} · {} {}", w.l("升级通知", "Escalated"), e.obligation,
                               w.l("第", "wave"), e.wave + 1);
          },
          [&](const ev::ObligationReminded& e) {
            return fmt::format("{}: {}", w.l("到期提醒", "Reminder"), e.obligation);
          },
          [&](const ev::NotificationAcknowledged& e) {
            return fmt::format("{}: {} ({})", w.l("确认收到", "Acknowledged"), e.obligation,
                               w.contact(e.contact));
          },
          [&](const ev::AlertAttached& e) {
            return fmt::format("{}: {} {}", w.l("监控告警并入", "Alert joined"), e.alertname,
                               e.summary);
          },
          [&](const ev::AlertResolved& e) {
            return fmt::format("{}: {} {}", w.l("监控告警恢复", "Alert resolved"), e.alertname,
                               e.summary);
          },
          [&](const ev::QuoteRecorded& e) {  // S3
            return fmt::format("{}: {} · {} · {}", w.l("供应商报价", "Supplier quote"),
                               e.quote.key(), format_money(Money{e.quote.amount}),
                               evidence_text(w, e.quote.evidence));
          },
          [&](const ev::ThirdPartyEngaged& e) {
            return fmt::format("{}: {} · {}", w.l("第三方介入", "Third party engaged"),
                               e.third_party, evidence_text(w, e.evidence));
          },
          [&](const ev::QuoteChosen& e) {
            return fmt::format("{}: {} · {}", w.l("选定报价", "Quote chosen"), e.supplier,
                               e.reason);
          },
          [&](const ev::ExternalMessageSent& e) {  // M1
            return fmt::format("{}: {} → {}", w.l("对外消息已发送", "External message sent"),
                               e.message.subject, fmt::join(e.message.to, ", "));
          },
          [&](const ev::ExternalMessageDownloaded& e) {
            return fmt::format("{}: {}", w.l("对外消息已下载", "External message downloaded"),
                               e.message.subject);
          },
      },
      data);
}

std::string avoidability(const Words& w, Avoidability a) {
  switch (a) {
    case Avoidability::avoidable:
      return w.l("可避免", "avoidable");
    case Avoidability::partly:
      return w.l("部分可避免", "partly avoidable");
    case Avoidability::unavoidable:
      return w.l("不可避免", "unavoidable");
  }
  return "";
}

}  // namespace

Result<std::string> review_pdf(const IncidentDocument& doc, Lang lang, Instant generated_at) {
  const IncidentState& s = doc.state;
  if (!s.review) {
    return precondition(
        fmt::format("incident {} has no review report yet (V1): submit the review first", doc.id));
  }
  const Review& r = *s.review;
  Words w(doc.plan, lang);
  std::string title = w.l("复盘报告", "Review report");
  Layout out(fmt::format("{} {}", doc.id, title), fmt::format("{} · {}", doc.id, title),
             generated_at);
  out.title(title);
  out.subtitle(fmt::format("{} · {}", doc.id, w.t(doc.plan.title)));

  out.heading(w.l("一、事件概况", "1. The incident"));
  incident_facts(out, w, doc.id, s, doc.events);

  out.heading(w.l("二、时间线", "2. Timeline"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : doc.events) {
    rows.push_back({w.time(e.at), w.actor(e.actor), describe(w, e.data)});
  }
  out.table({w.l("时间", "Time"), w.l("记录人", "By"), w.l("内容", "What")}, std::move(rows),
            {0.25, 0.2, 0.55});

  out.heading(w.l("三、原因分析", "3. Root-cause analysis"));
  out.key_values({
      {w.l("问题发生时间", "When"), w.time(r.occurred_at)},
      {w.l("地点", "Where"), w.or_dash(r.location)},
      {w.l("责任人", "Who was responsible"), w.or_dash(r.responsible)},
      {w.l("直接原因", "Direct cause"), w.or_dash(r.direct_cause)},
      {w.l("间接原因", "Indirect cause"), w.or_dash(r.indirect_cause)},
      {w.l("可避免性评估", "Avoidability"),
       r.avoidability_notes.empty()
           ? avoidability(w, r.avoidability)
           : fmt::format("{}: {}", avoidability(w, r.avoidability), r.avoidability_notes)},
  });

  out.heading(w.l("四、处置措施", "4. Measures taken"));
  std::vector<std::string> levels;
  for (const auto& p : s.levels) {
    if (std::find(levels.begin(), levels.end(), p.level) == levels.end()) levels.push_back(p.level);
  }
  if (levels.empty()) out.paragraph(w.l("未确定响应级别。", "No response level was set."));
  for (const auto& level : levels) {
    out.subheading(w.level(level));
    level_steps(out, w, s, level, generated_at);
  }

  out.heading(w.l("五、后续改进措施", "5. Follow-up actions"));
  if (r.actions.empty()) out.paragraph(w.l("无。", "None."));
  std::vector<std::vector<std::string>> actions;
  for (const auto& a : r.actions) {
    auto done = s.actions_done.find(a.id);
    std::string state =
        done == s.actions_done.end()
            ? std::string(w.l("未完成", "open"))
            : fmt::format("{} {}\n{}", w.l("完成于", "done"), w.time(done->second.at),
                          evidence_text(w, done->second.evidence));
    actions.push_back({a.id, a.text, w.role(a.owner_role), w.time(a.due), state});
  }
  if (!actions.empty()) {
    out.table({w.l("编号", "Id"), w.l("措施", "Action"), w.l("负责", "Owner"), w.l("期限", "Due"),
               w.l("状态", "State")},
              std::move(actions), {0.1, 0.35, 0.15, 0.17, 0.23});
  }

  out.heading(w.l("六、提交与审核", "6. Submission and approval"));
  const auto* approved = last_of<ev::ReviewApproved>(doc.events);
  out.key_values({
      {w.l("提交人", "Submitted by"), w.or_dash(s.review_submitted_by)},
      {w.l("提交时间", "Submitted"), w.time(s.review_submitted_at)},
      {w.l("审核通过", "Approved"), w.time(s.review_approved_at)},
      {w.l("审核意见", "Comment"), approved ? w.or_dash(approved->comment) : "—"},
      {w.l("事件关闭", "Closed"), w.time(s.closed_at)},
  });
  out.spacer(12);
  out.paragraph(w.generated(generated_at));
  return out.pdf();
}

}  // namespace pactum::documents
