// L4: the audit of the evidence files the chain references: each checked once, a missing or
// altered one named with the event that references it; old free-text references are left alone.
#include "engine/file_audit.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "domain/digest.hpp"
#include "store/memory/memory_event_log.hpp"
#include "store/testing.hpp"

namespace pactum::engine {
namespace {

void append(store::EventLog& log, const std::string& payload) {
  store::AppendRequest r;
  r.stream = "incident/INC-2026-0001";
  r.events.push_back({"incident.step_completed", R"({"user":"tech-a"})", Instant{}, payload});
  ASSERT_TRUE(log.append_and_wait(std::move(r)).ok());
}

std::string step(const std::string& ref, const std::string& text) {
  return R"({"evidence":[{"kind":"note","ref":"","text":"n"},{"kind":"file","ref":")" + ref +
         R"(","text":")" + text + R"("}],"level":"L1","step":"L1.backup"})";
}

TEST(FileAudit, L4_EveryReferencedFileIsCheckedOnceAndProblemsNameTheEvent) {
  store::testing::TestDirectory dir("file-audit");
  store::FileStore files(dir.file("files"));
  store::MemoryEventLog log;
  std::string kept = files.put("kept", "image/png", "照片.png")->sha256;
  std::string altered = files.put("altered", "application/pdf", "报告.pdf")->sha256;
  std::string missing = sha256_hex("never uploaded");
  append(log, R"({"note":"no files here"})");
  append(log, step(kept, "照片"));
  append(log, step(kept, "the same photo again"));
  append(log, step(altered, "报告"));
  append(log, step(missing, "截图"));
  append(log, step("sha256:ab12", "a free-text reference of old"));

  auto clean = verify_files(log, files);
  ASSERT_TRUE(clean);
  EXPECT_EQ(clean->files, 3);
  ASSERT_EQ(clean->problems.size(), 1u);
  EXPECT_EQ(clean->problems[0].describe(),
            "event 5 references file " + missing + " \"截图\": missing");

  std::ofstream(dir.path() / "files" / altered.substr(0, 2) / altered, std::ios::trunc) << "x";
  auto audit = verify_files(log, files);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->problems.size(), 2u);
  EXPECT_FALSE(audit->intact());
  EXPECT_EQ(audit->problems[0].describe(), "event 4 references file " + altered +
                                               " \"报告.pdf\": altered: its bytes hash to " +
                                               sha256_hex("x"));
}

}  // namespace
}  // namespace pactum::engine
