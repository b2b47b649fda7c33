#include "planfile/plan_text.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include "domain/alert_rules.hpp"
#include "domain/deadline_words.hpp"

namespace pactum::planfile {
namespace {

class Writer {
 public:
  explicit Writer(Lang lang) : lang_(lang) {}

  // A label in the reader's language.
  const char* l(const char* zh, const char* en) const { return lang_ == Lang::zh_CN ? zh : en; }
  const std::string& t(const Text& text) const { return text.in(lang_); }

  template <class... Args>
  void line(int depth, fmt::format_string<Args...> f, Args&&... args) {
    out_.push_back(PlanLine{depth, fmt::format(f, std::forward<Args>(args)...)});
  }
  std::vector<PlanLine> take() { return std::move(out_); }

  std::string duration(const Duration& d) const { return duration_text(d, lang_); }
  std::string deadline(const Deadline& d) const { return deadline_text(d, lang_); }

  std::string cadence(const Cadence& c) const {
    const char* zh = "";
    const char* en = "";
    switch (c.every) {
      case Period::day:
        zh = "每日";
        en = "every day";
        break;
      case Period::week:
        zh = "每周";
        en = "every week";
        break;
      case Period::month:
        zh = "每月";
        en = "every month";
        break;
      case Period::quarter:
        zh = "每季度";
        en = "every quarter";
        break;
      case Period::half_year:
        zh = "每半年";
        en = "every half year";
        break;
      case Period::year:
        zh = "每年";
        en = "every year";
        break;
    }
    if (c.times == 1) return lang_ == Lang::zh_CN ? fmt::format("{}一次", zh) : std::string(en);
    return lang_ == Lang::zh_CN ? fmt::format("{}至少{}次", zh, c.times)
                                : fmt::format("at least {} times {}", c.times, en);
  }

  Lang lang() const { return lang_; }

 private:
  Lang lang_;
  std::vector<PlanLine> out_;
};

std::string percent(int basis_points) {
  if (basis_points % 100 == 0) return fmt::format("{}%", basis_points / 100);
  return fmt::format("{}.{:02}%", basis_points / 100, basis_points % 100);
}

std::string role_name(const Plan& p, Writer& w, const std::string& id) {
  if (id == kAnyRole) return w.l("任一成员", "any member");
  if (id == kEmergencyContactRole) return w.l("应急联系人", "emergency contact");
  const Role* r = p.find_role(id);
  return r ? w.t(r->name) : id;
}

std::string party_selector(const Plan& p, Writer& w, const std::string& s) {
  if (s == "responsible") return w.l("责任方", "responsible party");
  if (s == "reporting") return w.l("报告方", "reporting party");
  if (s == "partner") return w.l("合作方", "partner");
  if (s == "any") return w.l("任一方", "either party");
  const Party* party = p.find_party(s);
  return party ? w.t(party->name) : s;
}

std::string contact_name(const Plan& p, Writer& w, const std::string& id) {
  const Contact* c = p.find_contact(id);
  return c ? w.t(c->name) : id;
}

void section_group(const Plan& p, Writer& w) {
  w.line(0, "{}", w.l("一、应急联络小组", "1. Emergency contact group"));
  for (const auto& party : p.parties) {
    w.line(1, "[{}] {}", party.id, w.t(party.name));
    for (const auto& c : p.contacts) {
      if (c.party != party.id) continue;
      w.line(2, "{}{} {}", c.emergency_contact ? "★ " : "  ", w.t(c.name), w.t(c.title));
      w.line(3, "{} {} · {} {} · {} {} · {} {}", w.l("工作电话", "work"), c.work_phone,
             w.l("手机", "mobile"), c.mobile, w.l("邮箱", "email"), c.email, w.l("备用", "backup"),
             c.backup);
    }
  }
  w.line(1, "{}", w.l("★ = 应急联系人 (C1)", "★ = emergency contact (C1)"));
  w.line(1, "{}", w.l("成员职责 (C3):", "Roles (C3):"));
  for (const auto& r : p.roles) {
    w.line(2, "{} — {}", w.t(r.name), w.t(r.duties));
    for (const auto& h : r.holders) {
      w.line(3, "{}{} ({}: {})", h.party.empty() ? "" : "[" + h.party + "] ",
             contact_name(p, w, h.holder), w.l("副", "deputy"), contact_name(p, w, h.deputy));
    }
  }
  w.line(1, "{}", w.l("备用联系方式 (C4):", "Backup channels (C4):"));
  for (const auto& c : p.group_channels) {
    w.line(2, "{} ({}{})", w.t(c.name), c.kind, c.encrypted ? w.l(", 加密", ", encrypted") : "");
  }
  w.line(2, "{}: {}", w.l("纸质版联络表", "Paper contact sheet"), w.t(p.paper_sheet_location));
}

void section_triggers(const Plan& p, Writer& w) {
  w.line(0, "{}", w.l("二、触发条件", "2. Trigger conditions"));
  for (const auto& t : p.triggers) {
    w.line(1, "{} {}", t.id, w.t(t.name));
    for (const auto& c : t.conditions) {
      w.line(2, "- {}", w.t(c.name));
      if (!c.alert) continue;
      std::string match;
      for (const auto& m : c.alert->match) {
        match += (match.empty() ? "" : ", ") +
                 fmt::format("{}{}\"{}\"", m.label, to_string(m.op), m.value);
      }
      std::string firing =
          c.alert->firing_for.count == 0
              ? std::string(w.l("触发即报", "as soon as it fires"))
              : fmt::format("{} {}", w.l("持续", "firing for"), w.duration(c.alert->firing_for));
      w.line(3, "{} {{{}}} {} → {} (T5)", w.l("监控告警", "monitoring alert"), match, firing,
             c.alert->level);
    }
  }
}

void section_process(const Plan& p, Writer& w) {
  w.line(0, "{}", w.l("三、处置流程", "3. Response process"));
  w.line(1, "{}", w.l("初步评估与报告:", "Reporting and assessment:"));
  w.line(2, "P1 {}: {}", w.l("上报", "report"), w.deadline(p.process.report));
  w.line(2, "P2 {}: {}", w.l("同步", "sync"), w.deadline(p.process.sync));
  w.line(2, "P3 {}: {}", w.l("评估并确定响应级别", "assess and set the level"),
         w.deadline(p.process.assess));
  w.line(1, "{}", w.l("评估标准 (P4):", "Assessment (P4):"));
  for (const auto& g : p.assessment.impact) {
    w.line(2, "{} {} — {}", w.l("影响程度", "impact"), w.t(g.name), w.t(g.description));
  }
  for (const auto& g : p.assessment.urgency) {
    w.line(2, "{} {} — {}", w.l("紧急程度", "urgency"), w.t(g.name), w.t(g.description));
  }
  for (const auto& i : p.assessment.impact) {
    std::string row;
    for (const auto& u : p.assessment.urgency) {
      const std::string* level = p.suggested_level(i.id, u.id);
      row += fmt::format("  {}→{}", w.t(u.name), level ? *level : "?");
    }
    w.line(2, "{}:{}", w.t(i.name), row);
  }
  w.line(1, "{}", w.l("分级响应措施:", "Graded response:"));
  for (const auto& level : p.levels) {
    w.line(2, "{} {} ({})", level.id, w.t(level.name), w.t(level.example));
    int n = 0;
    for (const auto& s : level.steps) {
      std::string due = s.due ? w.deadline(*s.due) : w.l("无固定期限", "no fixed deadline");
      w.line(3, "{}. {}", ++n, w.t(s.name));
      const char* kind = s.evidence.kind == EvidenceKind::note   ? w.l("说明", "note")
                         : s.evidence.kind == EvidenceKind::file ? w.l("文件", "file")
                                                                 : w.l("记录", "record");
      w.line(4, "{}: {} ({}) · {}: {} · {}: {} ×{}{}{}", w.l("负责", "owner"),
             role_name(p, w, s.owner.role), party_selector(p, w, s.owner.party), w.l("期限", "due"),
             due, w.l("证据", "evidence"), kind, s.evidence.count,
             s.mandatory ? "" : w.l(" · 可选", " · optional"),
             s.notice ? fmt::format(" · {} {}", w.l("需提前书面通知", "written notice"),
                                    w.duration(*s.notice))
                      : "");
    }
    if (level.resolve) w.line(3, "{}: {}", w.l("修复问题", "fix"), w.deadline(*level.resolve));
    if (level.review_submit) {
      w.line(3, "{}: {}", w.l("提交复盘报告", "review report"), w.deadline(*level.review_submit));
    }
    if (level.review_approve) {
      w.line(3, "{}: {}", w.l("小组审核并确认关闭", "group approves and closes"),
             w.deadline(*level.review_approve));
    }
    for (const auto& r : level.resources) w.line(3, "{}: {}", w.l("资源需求", "resources"), w.t(r));
  }
  w.line(1, "{} (V2): {}", w.l("演练", "Drills"), w.cadence(p.drills.cadence));
  for (const auto& s : p.drills.scenarios) w.line(2, "- {}", w.t(s.name));
}

void section_safeguards(const Plan& p, Writer& w) {
  w.line(0, "{}", w.l("四、保障措施", "4. Safeguards"));
  const auto& f = p.fund;
  Money floor{(p.agreement.value.minor * f.reserve_basis_points + 9999) / 10000};
  w.line(1, "{} (F1–F4): {} {} ({} {} {})", w.l("应急资金", "Emergency fund"),
         w.l("储备不低于合作总额的", "reserve at least"), percent(f.reserve_basis_points),
         w.l("即", "="), format_money(floor), p.agreement.currency);
  w.line(2, "{}", w.t(f.account));
  w.line(2, "{}: {}", w.l("盘点", "reconciliation"), w.cadence(f.reconciliation));
  w.line(2, "{}",
         w.lang() == Lang::zh_CN ? fmt::format("使用流程：需{}名以上成员签字，{}复核", f.signatures,
                                               role_name(p, w, f.review_by))
                                 : fmt::format("disbursement: {} members sign, then the {} reviews",
                                               f.signatures, role_name(p, w, f.review_by)));
  const auto& s = p.suppliers;
  w.line(1, "{} (S1–S3): {} {}; {}: {}", w.l("备用技术方案", "Backup suppliers"), s.list.size(),
         w.l("家备选供应商", "alternative suppliers listed"),
         w.l("技术对接测试", "integration tests"), w.cadence(s.integration_tests));
  for (const auto& x : s.list) {
    w.line(2, "- {} · {} · {}", w.t(x.name), w.t(x.scope), w.t(x.price));
    w.line(3, "{} {} · {}", w.t(x.contact_name), x.phone, x.email);
  }
  w.line(1, "{} (B1–B3): {} {}; {} {}", w.l("数据备份", "Data backup"), w.l("备份", "backup"),
         w.cadence(p.backups.schedule), w.l("恢复测试", "restore test"),
         w.cadence(p.backups.restore_test));
  for (const auto& l : p.backups.locations) {
    w.line(2, "- {} ({}{})", w.t(l.name), l.kind,
           l.isolated ? w.l(", 物理隔离", ", isolated") : "");
  }
  w.line(1, "{} (M1):", w.l("沟通协调", "Communication"));
  for (const auto& m : p.communication.meetings) {
    std::string who;
    for (const auto& r : m.participants) who += (who.empty() ? "" : ", ") + role_name(p, w, r);
    w.line(2, "- {} · {} · {}", w.t(m.name), w.t(m.frequency), who);
  }
  for (const auto& t : p.communication.templates) w.line(2, "- {}", w.t(t.name));
  w.line(1, "{} (X1–X3):", w.l("第三方机构介入条件", "Third parties"));
  for (const auto& x : p.third_parties) w.line(2, "- {}: {}", w.t(x.name), w.t(x.condition));
  const auto& t = p.training;
  w.line(1, "{} (E1–E4):", w.l("人员培训", "Training"));
  for (const auto& c : t.content) w.line(2, "- {}", w.t(c));
  w.line(2, "{}: {}; {}: {}%", w.l("核心岗位更新培训", "core-role refreshers"),
         w.cadence(t.refresher), w.l("演练考核合格率不低于", "drill pass rate at least"),
         t.pass_rate_percent);
}

void section_governance(const Plan& p, Writer& w) {
  w.line(0, "{}", w.l("五、附则", "5. Governance"));
  std::string signers;
  for (const auto& s : p.governance.signatures) {
    const Party* party = p.find_party(s);
    signers += (signers.empty() ? "" : ", ") + (party ? w.t(party->name) : s);
  }
  w.line(1, "G1 {}: {}", w.l("经双方签字盖章后生效", "effective once signed and sealed by"),
         signers);
  w.line(1, "G2 {} ({})",
         w.l("每年12月31日前联合审核", "reviewed jointly by 31 December every year"),
         p.calendar.time_zone);
  w.line(1, "G5 {}: {} · {} {}", w.l("协议期限", "agreement term"),
         date::format("%F", p.agreement.starts), w.l("至", "to"),
         date::format("%F", p.agreement.ends));
  w.line(1, "G5 {}: {}", w.l("记录归档至", "records archived to"), w.t(p.governance.archive_to));
}

}  // namespace

std::vector<PlanLine> plan_lines(const Plan& p, Lang lang) {
  Writer w(lang);
  w.line(0, "{} ({} v{})", w.t(p.title), p.id, p.version);
  w.line(0, "{}: {} · {} {} {} · {} {}", w.l("合作协议", "Agreement"), w.t(p.agreement.name),
         w.l("合作总额", "total amount"), format_money(p.agreement.value), p.agreement.currency,
         w.l("时区", "time zone"), p.calendar.time_zone);
  section_group(p, w);
  section_triggers(p, w);
  section_process(p, w);
  section_safeguards(p, w);
  section_governance(p, w);
  return w.take();
}

std::string plan_text(const Plan& plan, Lang lang) {
  // Sections (depth 0 after the title's two lines) are set apart by a blank line.
  std::string out;
  std::size_t n = 0;
  for (const auto& l : plan_lines(plan, lang)) {
    if (l.depth == 0 && n++ >= 2) out += '\n';
    out.append(static_cast<std::size_t>(l.depth) * 2, ' ');
    out += l.text;
    out += '\n';
  }
  return out;
}

}  // namespace pactum::planfile
