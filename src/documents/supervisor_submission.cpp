#include "documents/supervisor_submission.hpp"

#include <fmt/format.h>

#include "documents/incident_summary.hpp"
#include "documents/layout.hpp"
#include "documents/words.hpp"

namespace pactum::documents {
namespace {

constexpr const char* kRule = "X2";

}  // namespace

Result<std::string> supervisor_submission_pdf(const IncidentDocument& doc, Lang lang,
                                              Instant generated_at) {
  const IncidentState& s = doc.state;
  const Level* level = level_with_step(doc.plan, s, [](const Step& x) { return x.rule == kRule; });
  if (!level) {
    return precondition(fmt::format(
        "incident {} has not been at a level that calls for the supervisor's acceptance (X2)",
        doc.id));
  }
  if (!s.resolved_at) {
    return precondition(fmt::format(
        "incident {} is not resolved yet: it goes to the supervisor after handling (X2)", doc.id));
  }
  Words w(doc.plan, lang);
  const ThirdParty* supervisor = nullptr;
  for (const auto& t : doc.plan.third_parties) {
    if (t.rule == kRule) supervisor = &t;
  }
  std::string title = w.l("提交第三方监理机构审核", "Submission to the third-party supervisor");
  Layout out(fmt::format("{} {}", doc.id, title), fmt::format("{} · {}", doc.id, title),
             generated_at);
  out.title(title);
  out.subtitle(fmt::format("{} · {}", doc.id, w.t(doc.plan.title)));
  out.key_values({
      {w.l("提交方", "From"), w.party(s.report.responsible_party)},
      {w.l("接收方", "To"),
       supervisor ? w.t(supervisor->name) : w.l("第三方监理机构", "The third-party supervisor")},
      {w.l("介入条件", "Condition"), supervisor ? w.t(supervisor->condition) : "—"},
      {w.l("响应级别", "Response level"), w.level(level->id)},
  });

  out.heading(w.l("一、事件概况", "1. The incident"));
  incident_facts(out, w, doc.id, s, doc.events);

  out.heading(w.l("二、处置措施", "2. Measures taken"));
  level_steps(out, w, s, level->id, generated_at);

  out.heading(w.l("三、原因分析", "3. Root-cause analysis"));
  if (!s.review) {
    out.paragraph(w.l("复盘报告尚未提交。", "The review report has not been submitted yet."));
  } else {
    const Review& r = *s.review;
    out.key_values({
        {w.l("问题发生时间", "When"), w.time(r.occurred_at)},
        {w.l("地点", "Where"), w.or_dash(r.location)},
        {w.l("直接原因", "Direct cause"), w.or_dash(r.direct_cause)},
        {w.l("间接原因", "Indirect cause"), w.or_dash(r.indirect_cause)},
    });
  }

  out.heading(w.l("四、申请验收", "4. Acceptance requested"));
  for (const auto& step : level->steps) {
    if (step.rule == kRule) out.paragraph(fmt::format("{} ({})", w.t(step.name), step.rule));
  }
  out.paragraph(w.l("请贵方对上述故障的修复进行验收，并出具审核意见。",
                    "We ask you to accept the repair of the failure above and to give your "
                    "opinion."));
  out.heading(w.l("五、联系方式", "5. Contacts"));
  party_contacts(out, w, s.report.responsible_party);
  out.spacer(12);
  out.paragraph(w.generated(generated_at));
  return out.pdf();
}

}  // namespace pactum::documents
