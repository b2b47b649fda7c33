#include "documents/risk_notice.hpp"

#include <fmt/format.h>

#include "documents/incident_summary.hpp"
#include "documents/layout.hpp"
#include "documents/words.hpp"
#include "domain/deadline_words.hpp"

namespace pactum::documents {

Result<std::string> risk_notice_pdf(const IncidentDocument& doc, Lang lang, Instant generated_at) {
  const IncidentState& s = doc.state;
  const Level* level =
      level_with_step(doc.plan, s, [](const Step& x) { return x.notify_kind == "risk_notice"; });
  if (!level) {
    return precondition(fmt::format(
        "incident {} has not been at a level that calls for a risk notice (L3)", doc.id));
  }
  Words w(doc.plan, lang);
  const Party* partner = doc.plan.partner_of(s.report.responsible_party);
  std::string title = w.l("风险通报", "Risk notice");
  Layout out(fmt::format("{} {}", doc.id, title), fmt::format("{} · {}", doc.id, title),
             generated_at);
  out.title(title);
  out.subtitle(fmt::format("{} · {}", doc.id, w.t(doc.plan.title)));
  out.key_values({
      {w.l("发布方", "From"), w.party(s.report.responsible_party)},
      {w.l("接收方", "To"), partner ? w.t(partner->name) : "—"},
      {w.l("响应级别", "Response level"), w.level(level->id)},
      {w.l("级别确定时间", "Level set"), w.time(s.level_set_at(level->id))},
  });

  out.heading(w.l("一、事件情况", "1. What happened"));
  incident_facts(out, w, doc.id, s, doc.events);

  out.heading(w.l("二、应对方案", "2. Response plan"));
  for (const auto& step : level->steps) {
    if (step.notify_kind != "risk_notice") continue;
    auto done = s.steps.find(step.id);
    if (done != s.steps.end() && !done->second.waived) {
      out.subheading(w.l("通报内容", "The notice"));
      out.paragraph(evidence_text(w, done->second.evidence));
    }
  }
  out.subheading(w.l("处置步骤", "Steps"));
  level_steps(out, w, s, level->id, generated_at);

  out.heading(w.l("三、协议条款与资源", "3. Clauses and resources"));
  for (const auto& step : level->steps) {
    if (!step.notice) continue;
    out.bullet(fmt::format("{} ({} {})", w.t(step.name), w.l("书面通知期", "written notice"),
                           duration_text(*step.notice, lang)));
  }
  for (const auto& r : level->resources) out.bullet(w.t(r));

  out.heading(w.l("四、联系方式", "4. Contacts"));
  party_contacts(out, w, s.report.responsible_party);
  out.spacer(12);
  out.paragraph(w.generated(generated_at));
  return out.pdf();
}

}  // namespace pactum::documents
