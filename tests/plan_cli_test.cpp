// The real `pactum` binary on plan files: the example plan, every broken plan in
// tests/broken-plans/ (each with its .expected diagnostics), and hostile files made on the fly.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "store/testing.hpp"

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The test process's scratch directory (the binary's output, hostile plans), removed with
// everything in it when the process ends.
const fs::path& temp_dir() {
  static const pactum::store::testing::TestDirectory scratch("plan-cli");
  return scratch.path();
}

// Runs the binary with arguments (already shell-quoted where needed).
Outcome pactum(const std::string& args) {
  fs::path out = temp_dir() / "stdout", err = temp_dir() / "stderr";
  std::string cmd =
      std::string(PACTUM_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
  int status = std::system(cmd.c_str());
  Outcome r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

const std::string kSource = PACTUM_SOURCE_DIR;
const std::string kExample = kSource + "/examples/cooperation-plan.yaml";

TEST(PlanCli, TheExamplePlanIsValid) {
  Outcome r = pactum("plan check " + kExample);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid plan"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(PlanCli, ShowPrintsTheSeedPlanInChinese) {
  Outcome r = pactum("plan show " + kExample + " --lang zh-CN");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* s :
       {"合作协议书应急预案", "应急联络小组", "应急联系人", "重大技术故障", "发现异常后2小时内",
        "一般级", "重大级", "紧急级", "技术负责人联系3家备选供应商报价",
        "24小时内向合作方发布风险通报", "储备不低于合作总额的 5%", "每季度一次"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

TEST(PlanCli, ShowPrintsEnglishAndJson) {
  Outcome en = pactum("plan show " + kExample + " --lang en");
  ASSERT_EQ(en.exit_code, 0);
  EXPECT_NE(en.out.find("Emergency contact group"), std::string::npos);
  EXPECT_EQ(en.out.find("应急联络小组"), std::string::npos);
  Outcome json = pactum("plan show " + kExample + " --format json");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out.rfind("{\"format\":\"pactum-plan/1\"", 0), 0u) << json.out.substr(0, 80);
}

TEST(PlanCli, UsageErrorsExitTwo) {
  EXPECT_EQ(pactum("").exit_code, 2);
  EXPECT_EQ(pactum("plan").exit_code, 2);
  EXPECT_EQ(pactum("plan check").exit_code, 2);
  EXPECT_EQ(pactum("plan frobnicate x").exit_code, 2);
  EXPECT_EQ(pactum("plan show " + kExample + " --lang fr").exit_code, 2);
  EXPECT_EQ(pactum("--help").exit_code, 0);
}

TEST(PlanCli, AMissingFileIsInvalidAndSaysWhy) {
  Outcome r = pactum("plan check /nonexistent/plan.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("No such file"), std::string::npos) << r.err;
}

// Each tests/broken-plans/NAME.yaml fails with exactly the lines of NAME.expected.
class BrokenPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(BrokenPlan, FailsWithItsExpectedDiagnostics) {
  fs::path yaml = fs::path(kSource) / "tests/broken-plans" / (GetParam() + ".yaml");
  fs::path expected = yaml;
  expected.replace_extension(".expected");
  Outcome r = pactum("plan check " + yaml.string());
  EXPECT_EQ(r.exit_code, 1);
  std::string want;
  std::istringstream lines(slurp(expected));
  for (std::string line; std::getline(lines, line);) want += yaml.string() + ":" + line + "\n";
  std::string got;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);) {
    if (line.find(": error [") != std::string::npos ||
        line.find(": warning [") != std::string::npos) {
      got += line + "\n";
    }
  }
  EXPECT_EQ(got, want);
}

std::vector<std::string> broken_plans() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kSource + "/tests/broken-plans")) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Files, BrokenPlan, ::testing::ValuesIn(broken_plans()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

// Hostile files: never a crash, always exit 1 with a message.
void expect_rejected(const std::string& name, const std::string& content, const std::string& why) {
  fs::path p = temp_dir() / name;
  std::ofstream(p, std::ios::binary) << content;
  Outcome r = pactum("plan check " + p.string());
  EXPECT_EQ(r.exit_code, 1) << name << ": " << r.err;
  EXPECT_NE(r.err.find(why), std::string::npos) << name << ": " << r.err;
}

TEST(PlanCli, HostileFilesAreRejectedWithAMessage) {
  expect_rejected("empty.yaml", "", "empty");
  expect_rejected("blank.yaml", "\n  \n", "empty");
  expect_rejected("binary.bin",
                  std::string("\x7f"
                              "ELF\x02\x01\x01\0\0\0",
                              10),
                  "binary");
  expect_rejected("latin1.yaml", "id: caf\xe9\n", "not valid UTF-8");
  expect_rejected("scalar.yaml", "just a string\n", "expected a mapping");
  expect_rejected("list.yaml", "- 1\n- 2\n", "expected a mapping");
  expect_rejected("nested.yaml", std::string(100000, '[') + std::string(100000, ']'),
                  "nested more than");
  expect_rejected(
      "nested-maps.yaml",
      [] {
        std::string s;
        for (int i = 0; i < 1500; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
        return s;
      }(),
      "nested more than");
}

TEST(PlanCli, AHundredMegabyteFileIsRefusedWithoutReadingItAll) {
  fs::path p = temp_dir() / "huge.yaml";
  {
    std::ofstream out(p, std::ios::binary);
    std::string line = "# padding padding padding padding padding padding padding padding\n";
    for (std::size_t written = 0; written < 100u * 1024 * 1024; written += line.size()) out << line;
  }
  Outcome r = pactum("plan check " + p.string());
  fs::remove(p);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("larger than"), std::string::npos) << r.err;
}

}  // namespace
