// M1: external messages drafted from an incident with the plan's communication.templates, edited
// and sent or downloaded by the plan's send_external roles; bad input is refused naming the field.
#include "domain/external_message.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/exercise.hpp"
#include "planfile/load.hpp"
#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using testing::actor;
using testing::at;

class ExternalMessageTest : public testing::IncidentFixture {
 protected:
  void reported(const std::string& id = "INC-2026-0007") {
    cmd::Report r;
    r.incident_id = id;
    r.trigger = "T1";
    r.condition = "T1.outage";
    r.phenomenon = "订单系统无法访问";
    r.scope = "全部线上用户";
    r.cause_guess = "数据库主节点宕机";
    r.discovered_at = t0 - hours(1);
    r.responsible_party = "A";
    ASSERT_TRUE(run(r, "a-li", t0).ok());
  }

  Result<ExternalDraft> draft(const std::string& who, const std::string& tmpl,
                              const std::string& lang) {
    return draft_external_message(plan, state, actor(who), plan.find_contact(who), tmpl, lang,
                                  t0 + hours(2), "https://pactum.example.cn");
  }

  static cmd::SendExternalMessage message(
      std::vector<std::string> to = {"gov@regulator.example.cn"}, std::string delivery = "email") {
    return {"regulator",        "zh-CN",       "突发事件报告",
            "监管机构：\n正文", std::move(to), std::move(delivery)};
  }

  Error refused(const cmd::SendExternalMessage& c, const std::string& who = "a-liu") {
    auto r = run(c, who, t0 + hours(3));
    EXPECT_FALSE(r.ok());
    return r ? Error{} : r.error();
  }
};

TEST_F(ExternalMessageTest, M1_TheDraftIsTheTemplateRenderedFromTheIncidentAndItsSender) {
  reported();
  auto d = draft("a-liu", "regulator", "zh-CN");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->subject, "突发事件报告：重大技术故障（INC-2026-0007）");
  for (const char* part :
       {"一、事件编号：INC-2026-0007", "四、事件概况：订单系统无法访问",
        "五、影响范围：全部线上用户", "六、初步原因：数据库主节点宕机",
        "三、发现时间：2026-03-02 08:00 (Asia/Shanghai)", "八、责任方：甲方：华东示例科技有限公司",
        "联系人：刘洋（公共关系经理）", "手机：+86 138 0000 0104",
        "邮箱：liu.yang@huadong-tech.example.cn", "\n2026-03-02",
        "《华东示例科技有限公司与北方示例数据服务有限公司合作协议》"}) {
    EXPECT_NE(d->body.find(part), std::string::npos) << part << "\nin\n" << d->body;
  }
  EXPECT_EQ(d->body.find("{{"), std::string::npos) << "every variable is filled in";

  auto en = draft("a-liu", "users", "en");
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->subject, "Service disruption notice");
  EXPECT_NE(en->body.find("Since 2026-03-02 08:00 (Asia/Shanghai) part of our service"),
            std::string::npos)
      << en->body;
  EXPECT_NE(en->body.find("write to liu.yang@huadong-tech.example.cn"), std::string::npos);
}

TEST_F(ExternalMessageTest, M1_EveryTemplateOfTheExamplePlanDraftsInBothLanguages) {
  reported();
  for (const auto& t : plan.communication.templates) {
    for (const char* lang : {"zh-CN", "en"}) {
      auto d = draft("a-liu", t.id, lang);
      ASSERT_TRUE(d.ok()) << t.id << " " << lang;
      EXPECT_FALSE(d->subject.empty());
      EXPECT_EQ((d->subject + d->body).find("{{"), std::string::npos) << t.id << " " << lang;
      if (t.audience == "users") continue;  // users are not told the incident's number
      EXPECT_NE(d->body.find("INC-2026-0007"), std::string::npos) << t.id << " " << lang;
    }
  }
}

TEST_F(ExternalMessageTest, M1_AnExercisesDraftAndMessageCarryTheMark) {
  reported("EX-2026-0001");
  auto zh = draft("a-liu", "regulator", "zh");
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh->subject.rfind("【演练】", 0), 0u) << zh->subject;
  EXPECT_EQ(zh->body.rfind("【演练】", 0), 0u);
  auto en = draft("a-liu", "regulator", "en");
  EXPECT_EQ(en->subject.rfind("[EXERCISE] Incident report", 0), 0u) << en->subject;

  // The person removed the mark: it is put back; kept once when it is there.
  auto c = message();
  ASSERT_TRUE(run(c, "a-liu", t0 + hours(3)).ok());
  c.subject = "【演练】突发事件报告";
  auto r = run(c, "a-liu", t0 + hours(3));
  ASSERT_TRUE(r.ok());
  const auto& first = std::get<ev::ExternalMessageSent>(r->front().data).message;
  EXPECT_EQ(first.subject, "【演练】突发事件报告");
  EXPECT_EQ(first.body, "【演练】监管机构：\n正文");
}

TEST_F(ExternalMessageTest, M1_ADraftNamesAnUnknownTemplateOrLanguage) {
  reported();
  EXPECT_EQ(draft("a-liu", "press", "zh-CN").error().field, "template");
  EXPECT_NE(draft("a-liu", "press", "zh-CN").error().message.find("regulator, supplier, users"),
            std::string::npos)
      << "the known templates are listed";
  EXPECT_EQ(draft("a-liu", "regulator", "fr").error().field, "language");
}

TEST_F(ExternalMessageTest, M1_OnlyTheSendExternalRolesDraftAndSend) {
  reported();
  EXPECT_EQ(draft("a-li", "regulator", "zh-CN").error().code, ErrorCode::permission_denied)
      << "the technical lead is not a send_external role";
  EXPECT_EQ(refused(message(), "a-li").code, ErrorCode::permission_denied);
  EXPECT_TRUE(draft("a-liu", "regulator", "zh-CN").ok()) << "the communications lead";
  EXPECT_TRUE(draft("b-wang", "partner", "zh-CN").ok()) << "a leader, of either party";
  Actor machine{"system:alertmanager", "", {}};
  EXPECT_EQ(decide(plan, state, message(), machine, t0).error().code, ErrorCode::permission_denied);
}

TEST_F(ExternalMessageTest, M1_SendingRecordsTheExactTextRecipientsAndNumber) {
  reported();
  auto c = message({"gov@regulator.example.cn", "duty@regulator.example.cn"});
  c.subject = "突发事件报告（修改后）";
  c.body = "监管机构：\n\n经核实，影响已于 10:30 消除。\n";
  auto r = run(c, "a-liu", t0 + hours(3));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(event_type(r->front().data), std::string("incident.external_message_sent"));
  EXPECT_EQ(r->front().actor.user, "a-liu");
  EXPECT_EQ(r->front().at, t0 + hours(3));
  const ExternalMessage& m = std::get<ev::ExternalMessageSent>(r->front().data).message;
  EXPECT_EQ(m.number, 1);
  EXPECT_EQ(m.template_id, "regulator");
  EXPECT_EQ(m.audience, "regulator");
  EXPECT_EQ(m.language, "zh-CN");
  EXPECT_EQ(m.subject, c.subject);
  EXPECT_EQ(m.body, c.body) << "exactly as edited";
  EXPECT_EQ(m.to, c.to);

  auto d = run(message({}, "download"), "a-zhang", t0 + hours(4));
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(event_type(d->front().data), std::string("incident.external_message_downloaded"));
  EXPECT_EQ(std::get<ev::ExternalMessageDownloaded>(d->front().data).message.number, 2);
  EXPECT_EQ(state.external_messages, 2);
}

TEST_F(ExternalMessageTest, M1_BadInputIsRefusedNamingTheFieldAndNothingIsRecorded) {
  reported();
  auto with = [](auto change) {
    auto c = message({"gov@regulator.example.cn", "duty@regulator.example.cn"});
    change(c);
    return c;
  };
  using C = cmd::SendExternalMessage;
  EXPECT_EQ(refused(with([](C& c) { c.template_id = "press"; })).field, "template");
  EXPECT_EQ(refused(with([](C& c) { c.language = "de"; })).field, "language");
  EXPECT_EQ(refused(with([](C& c) { c.subject = "  "; })).field, "subject");
  EXPECT_EQ(refused(with([](C& c) { c.subject = "报告\r\nBcc: all@example.com"; })).field,
            "subject")
      << "a line break would add a mail header";
  EXPECT_EQ(
      refused(with([](C& c) { c.subject = std::string(kMaxExternalSubject + 1, 'x'); })).field,
      "subject");
  EXPECT_EQ(refused(with([](C& c) { c.body = ""; })).field, "body");
  EXPECT_EQ(refused(with([](C& c) { c.body = std::string(kMaxExternalBody + 1, 'x'); })).field,
            "body");
  EXPECT_EQ(refused(with([](C& c) { c.body = std::string("a\0b", 3); })).field, "body");
  EXPECT_EQ(refused(with([](C& c) { c.delivery = "fax"; })).field, "delivery");
  EXPECT_EQ(refused(with([](C& c) { c.to.clear(); })).field, "to") << "email needs an address";
  Error bad = refused(with([](C& c) { c.to[1] = "duty@regulator"; }));
  EXPECT_EQ(bad.field, "to[1]");
  EXPECT_NE(bad.message.find("duty@regulator"), std::string::npos) << "names which";
  EXPECT_EQ(refused(with([](C& c) { c.to[1] = "GOV@regulator.example.cn"; })).field, "to[1]")
      << "named twice";
  EXPECT_EQ(refused(with([](C& c) {
              c.to.assign(kMaxExternalRecipients + 1, "");
              for (std::size_t i = 0; i < c.to.size(); ++i) c.to[i] = fmt::format("p{}@x.cn", i);
            })).field,
            "to");
  EXPECT_EQ(state.external_messages, 0) << "nothing was recorded";
  EXPECT_EQ(state.version, 1);
}

TEST_F(ExternalMessageTest, M1_AFinishedIncidentTakesNoMoreExternalMessages) {
  reported();
  ASSERT_TRUE(run(cmd::Cancel{"误报"}, "a-zhang", t0 + hours(1)).ok());
  EXPECT_EQ(refused(message()).code, ErrorCode::failed_precondition);
  EXPECT_EQ(draft("a-liu", "regulator", "zh-CN").error().code, ErrorCode::failed_precondition);
  IncidentState none;
  EXPECT_EQ(draft_external_message(plan, none, actor("a-liu"), nullptr, "regulator", "zh", t0, "")
                .error()
                .code,
            ErrorCode::not_found);
}

TEST(EmailAddress, M1_AddressesAreCheckedStrictlyAndNamed) {
  for (const char* good :
       {"gov@regulator.example.cn", "a.b+c@x-y.example.com", "o'neil@ex.io", "X@Y.CN"}) {
    EXPECT_FALSE(email_address_problem(good)) << good;
  }
  for (const char* bad :
       {"", "gov", "gov@regulator", "@x.cn", "a@@x.cn", "a@b@x.cn", "a b@x.cn", "<a@x.cn>",
        "a@x.cn\r\nBcc: b@y.cn", "a@x.cn,b@y.cn", "\"a\"@x.cn", "a..b@x.cn", ".a@x.cn", "a@-x.cn",
        "a@x..cn", "a@x.cn.", "张伟@x.cn", "a@例子.cn"}) {
    auto why = email_address_problem(bad);
    EXPECT_TRUE(why) << bad;
  }
  EXPECT_NE(email_address_problem("gov@regulator")->find("\"gov@regulator\""), std::string::npos);
  EXPECT_TRUE(email_address_problem(std::string(250, 'a') + "@x.cn"));
}

// The example plan with `from` replaced by `to` (once), loaded.
planfile::LoadResult example_with(const std::string& from, const std::string& to) {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  auto pos = yaml.find(from);
  if (pos == std::string::npos) throw std::invalid_argument("not in the example plan: " + from);
  return planfile::load_plan_text(yaml.replace(pos, from.size(), to));
}

TEST(ExternalTemplates, M1_AnUnknownVariableInAnExternalTemplateIsAPlanErrorNamingThePath) {
  auto r = example_with("Dear users,", "Dear {{user.name}},");
  EXPECT_FALSE(r.plan);
  bool found = false;
  for (const auto& d : r.diagnostics) {
    if (d.diagnostic.path == "communication.templates[2].body.en") {
      found = true;
      EXPECT_EQ(d.diagnostic.rule, "M1");
      EXPECT_NE(d.diagnostic.message.find("\"user.name\""), std::string::npos);
      EXPECT_GT(d.where.line, 0) << "placed in the file";
    }
  }
  EXPECT_TRUE(found);
}

TEST(ExternalTemplates, M1_AnExternalTemplateNeedsASubjectAndABody) {
  auto r = example_with(
      "    - id: users\n      audience: users\n      name: {zh: 用户公告模板, en: "
      "\"User announcement template\"}\n      subject:\n        zh: "
      "\"关于服务异常的公告\"\n        en: \"Service disruption notice\"\n",
      "    - id: users\n      audience: users\n      name: {zh: 用户公告模板, en: "
      "\"User announcement template\"}\n");
  EXPECT_FALSE(r.plan);
  bool found = false;
  for (const auto& d : r.diagnostics) {
    found = found || (d.diagnostic.path.rfind("communication.templates[2]", 0) == 0 &&
                      d.diagnostic.message.find("subject") != std::string::npos);
  }
  EXPECT_TRUE(found) << "the missing subject is named";
}

}  // namespace
}  // namespace pactum
