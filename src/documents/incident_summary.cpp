#include "documents/incident_summary.hpp"

#include <fmt/format.h>

#include "domain/obligations.hpp"

namespace pactum::documents {
namespace {

std::string obligation_state(const Words& w, ObligationState s) {
  switch (s) {
    case ObligationState::pending:
      return w.l("未开始", "pending");
    case ObligationState::open:
      return w.l("进行中", "open");
    case ObligationState::met:
      return w.l("已按时完成", "met");
    case ObligationState::breached:
      return w.l("已超时", "breached");
    case ObligationState::waived:
      return w.l("已免除", "waived");
    case ObligationState::expired:
      return w.l("随预案到期关闭", "closed: the plan expired");
  }
  return "";
}

// The party a step's owner selector names for this incident.
std::string owner_party(const Words& w, const IncidentState& s, const std::string& selector) {
  if (selector == "responsible") return w.party(s.report.responsible_party);
  if (selector == "reporting") return w.party(s.report.reporting_party);
  if (selector == "any") return w.l("任一方", "either party");
  if (selector == "partner") {
    const Party* p = w.plan().partner_of(s.report.responsible_party);
    return p ? w.t(p->name) : selector;
  }
  return w.party(selector);
}

}  // namespace

void incident_facts(Layout& out, const Words& w, const std::string& id, const IncidentState& s,
                    const std::vector<Event>& events) {
  std::string assessment = "—";
  if (s.assessed_at) {
    assessment = fmt::format("{} {} · {} {}", w.l("影响程度", "impact"), w.impact(s.impact),
                             w.l("紧急程度", "urgency"), w.urgency(s.urgency));
  }
  out.key_values({
      {w.l("事件编号", "Incident"), id, Font::mono},
      {w.l("触发条件", "Trigger"), w.trigger(s.report)},
      {w.l("问题现象", "Phenomenon"), w.or_dash(s.report.phenomenon)},
      {w.l("影响范围", "Scope of impact"), w.or_dash(s.report.scope)},
      {w.l("初步原因猜测", "Preliminary cause"), w.or_dash(s.report.cause_guess)},
      {w.l("责任方", "Responsible party"), w.party(s.report.responsible_party)},
      {w.l("报告方", "Reporting party"), w.party(s.report.reporting_party)},
      {w.l("发现时间", "Discovered"), w.time(s.report.discovered_at)},
      {w.l("报告时间", "Reported"), w.time(s.reported_at)},
      {w.l("评估", "Assessment"), assessment},
      {w.l("响应级别", "Response level"), w.level(s.level)},
      {w.l("处置完成", "Resolved"), w.time(s.resolved_at)},
      {w.l("状态", "Status"), w.status(s.status)},
  });
  if (const auto* resolved = last_of<ev::Resolved>(events)) {
    out.key_values({{w.l("处置概要", "Resolution"), w.or_dash(resolved->summary)}});
  }
}

void party_contacts(Layout& out, const Words& w, const std::string& party) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : w.plan().contacts) {
    if (c.party != party || !c.emergency_contact) continue;
    rows.push_back({w.t(c.name), w.t(c.title), c.mobile, c.work_phone, c.email});
  }
  out.table({w.l("姓名", "Name"), w.l("职务", "Title"), w.l("手机", "Mobile"),
             w.l("工作电话", "Work phone"), w.l("邮箱", "Email")},
            std::move(rows), {0.15, 0.25, 0.18, 0.18, 0.24});
}

std::string evidence_text(const Words& w, const std::vector<Evidence>& evidence) {
  std::string out;
  for (const auto& e : evidence) {
    const char* kind = e.kind == EvidenceKind::note   ? w.l("说明", "note")
                       : e.kind == EvidenceKind::file ? w.l("文件", "file")
                                                      : w.l("记录", "record");
    if (!out.empty()) out += "\n";
    out += fmt::format("{}: {}{}", kind, e.text, e.ref.empty() ? "" : " (" + e.ref + ")");
  }
  return out.empty() ? "—" : out;
}

void level_steps(Layout& out, const Words& w, const IncidentState& s, const std::string& level,
                 Instant now) {
  const Level* l = w.plan().find_level(level);
  if (!l) return;
  auto all = obligations(w.plan(), s, now);
  std::vector<std::vector<std::string>> rows;
  for (const auto& step : l->steps) {
    std::string state = "—";
    std::string due = "—";
    for (const auto& o : all) {
      if (o.key != "step:" + step.id) continue;
      state = obligation_state(w, o.state);
      due = w.time(o.due);
    }
    auto done = s.steps.find(step.id);
    std::string record = "—";
    if (done != s.steps.end()) {
      record = done->second.waived
                   ? fmt::format("{} {}: {}", w.l("免除", "waived"), w.time(done->second.at),
                                 done->second.reason)
                   : fmt::format("{} {}\n{}", w.l("完成于", "done"), w.time(done->second.at),
                                 evidence_text(w, done->second.evidence));
    }
    rows.push_back(
        {fmt::format("{} {}", step.rule, w.t(step.name)),
         fmt::format("{} · {}", w.role(step.owner.role), owner_party(w, s, step.owner.party)), due,
         state, record});
  }
  out.table({w.l("步骤", "Step"), w.l("负责", "Owner"), w.l("期限", "Due"), w.l("状态", "State"),
             w.l("记录与证据", "Record and evidence")},
            std::move(rows), {0.3, 0.15, 0.17, 0.1, 0.28});
}

}  // namespace pactum::documents
