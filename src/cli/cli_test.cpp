#include "cli/cli.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "planfile/load.hpp"
#include "planfile/plan_text.hpp"

namespace pactum::cli {
namespace {

struct Output {
  int code;
  std::string out;
  std::string err;
};

Output call(std::vector<const char*> args) {
  args.insert(args.begin(), "pactum");
  std::ostringstream out, err;
  int code = run(static_cast<int>(args.size()), args.data(), out, err);
  return {code, out.str(), err.str()};
}

const std::string kExample = std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml";

TEST(Cli, HelpAndVersionExitZero) {
  auto help = call({"--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("plan"), std::string::npos);
  auto version = call({"--version"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_NE(version.out.find("pactum"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoAndPointToHelp) {
  auto r = call({"plan", "check"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("FILE"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
  EXPECT_EQ(call({"launch"}).code, kExitUsage);
  EXPECT_EQ(call({"plan", "show", kExample.c_str(), "--format", "xml"}).code, kExitUsage);
}

TEST(Cli, CheckIsQuietOnRequest) {
  auto r = call({"plan", "check", "--quiet", kExample.c_str()});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, "");
}

bool has_cjk(const std::string& s) {
  // Any UTF-8 sequence starting with 0xE4–0xE9 encodes a CJK Unified Ideograph (U+4E00–U+9FFF).
  for (unsigned char c : s) {
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

TEST(PlanText, EnglishHasNoChineseLeftAndChineseHasTheSeedsWords) {
  auto r = planfile::load_plan_file(kExample);
  ASSERT_TRUE(r.plan);
  std::string en = planfile::plan_text(*r.plan, Lang::en);
  std::string zh = planfile::plan_text(*r.plan, Lang::zh_CN);
  std::istringstream lines(en);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(has_cjk(line)) << "untranslated: " << line;
  }
  for (const char* s : {"一、应急联络小组", "二、触发条件", "三、处置流程", "四、保障措施",
                        "五、附则", "需3名以上成员签字", "技术对接测试: 每年至少2次"}) {
    EXPECT_NE(zh.find(s), std::string::npos) << s;
  }
  EXPECT_NE(en.find("1000000.00 CNY"), std::string::npos) << "F1: 5 % of 20,000,000";
}

}  // namespace
}  // namespace pactum::cli
