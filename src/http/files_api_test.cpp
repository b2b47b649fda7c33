// L4: evidence files through the API in-process (real handlers, engine and auth over in-memory
// stores, a real file store in a test directory): upload, download by either party, and a step's
// file evidence that must name an uploaded file. tests/integration/test_files.py runs the real
// server (the 413 before the body is read, the audit of altered files).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "domain/digest.hpp"
#include "http/api.hpp"
#include "store/memory/memory_accounts.hpp"
#include "store/memory/memory_event_log.hpp"
#include "store/testing.hpp"
#include "testing/example_plan.hpp"

namespace pactum::http {
namespace {

using boost::json::value;
using testing::at;

class FilesApiTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  store::MemoryAccounts accounts;
  ManualClock clock{at("2026-03-02T09:00:00+08:00")};
  engine::Engine engine{log, clock};
  engine::Auth auth{accounts, clock, &log};
  obs::Metrics metrics;
  store::testing::TestDirectory dir{"files-api"};
  store::FileStore files{dir.file("files")};
  std::unique_ptr<Api> api;
  std::map<std::string, std::string> tokens;  // user → a token with read and write

  void SetUp() override {
    ASSERT_TRUE(engine.load().ok());
    ASSERT_TRUE(engine.activate_plan(testing::example_plan_yaml(), Actor{"setup", "", {}}).ok());
    ApiOptions options{"test", "openapi: 3.1.0\n", nullptr, false};
    options.files = &files;
    options.max_file_bytes = 64;
    api = std::make_unique<Api>(engine, auth, log, metrics, nullptr, options);
    for (auto [id, party, contact, admin] :
         {std::tuple{"admin", "A", "a-zhang", true}, std::tuple{"tech-a", "A", "a-li", false},
          std::tuple{"tech-b", "B", "b-zhou", false}}) {
      ASSERT_TRUE(
          auth.add_user({id, id, party, contact, admin, "password-123"}, &engine.plan()->plan)
              .ok());
      tokens[id] = auth.create_token(id, "t", {"read", "write"}, std::nullopt)->secret;
    }
  }

  Response call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& who, const std::string& type = "application/json",
                std::map<std::string, std::string> query = {}) {
    Request req{method, path};
    req.query = std::move(query);
    req.body = body;
    if (!type.empty()) req.headers["content-type"] = type;
    if (!who.empty()) req.headers["authorization"] = "Bearer " + tokens.at(who);
    std::promise<Response> reply;
    api->handle(req, [&](Response r) { reply.set_value(std::move(r)); });
    return reply.get_future().get();
  }
  Response upload(const std::string& bytes, const std::string& name,
                  const std::string& type = "application/pdf", const std::string& who = "tech-a") {
    return call("POST", "/api/v1/files", bytes, who, type, {{"name", name}});
  }
  value json(const Response& r) { return boost::json::parse(r.body); }
  std::string header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
  std::string field(const Response& r) {
    return std::string(json(r).at("error").at("field").as_string());
  }

  // An incident at L1, whose L1.backup step tech-a (party A's technical lead) completes.
  std::string incident_at_l1() {
    Response r = call("POST", "/api/v1/incidents",
                      R"({"trigger":"T1","condition":"T1.outage","phenomenon":"订单系统无法访问",
                          "scope":"全部线上订单","cause_guess":"数据库主节点宕机",
                          "discovered_at":"2026-03-02T08:30:00+08:00","responsible_party":"A"})",
                      "tech-a");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string id(json(r).at("incident").at("id").as_string());
    EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/assess",
                   R"({"impact":"minor","urgency":"normal"})", "admin")
                  .status,
              200);
    return id;
  }
};

TEST_F(FilesApiTest, L4_AnUploadIsStoredByItsDigestAndServedToEitherParty) {
  std::string bytes = "%PDF-1.7 the supervisor's report";
  Response up = upload(bytes, "监理报告.pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  std::string digest = sha256_hex(bytes);
  EXPECT_EQ(json(up), (boost::json::parse(R"({"sha256":")" + digest + R"(","size":)" +
                                          std::to_string(bytes.size()) +
                                          R"(,"type":"application/pdf","name":"监理报告.pdf"})")));
  EXPECT_EQ(header(up, "Location"), "/api/v1/files/" + digest);

  Response down = call("GET", "/api/v1/files/" + digest, "", "tech-b", "");  // the other party
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.body, bytes);
  EXPECT_EQ(down.content_type, "application/pdf");
  EXPECT_EQ(header(down, "Content-Disposition"),
            "attachment; filename=\"____________.pdf\"; "
            "filename*=UTF-8''%E7%9B%91%E7%90%86%E6%8A%A5%E5%91%8A.pdf");
  EXPECT_EQ(header(down, "Content-Security-Policy"), "sandbox; default-src 'none'");
  EXPECT_EQ(header(down, "ETag"), "\"" + digest + "\"");

  // The same bytes again, as a form: nothing new is written, the first name stays.
  Response again = call("POST", "/api/v1/files",
                        "--b\r\nContent-Disposition: form-data; name=\"file\"; "
                        "filename=\"copy.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" +
                            bytes + "\r\n--b--\r\n",
                        "tech-b", "multipart/form-data; boundary=b");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(json(again).at("sha256").as_string(), digest);
  EXPECT_EQ(json(again).at("name").as_string(), "监理报告.pdf");
}

TEST_F(FilesApiTest, L4_BadUploadsAndDownloadsAreRefusedByStatus) {
  EXPECT_EQ(call("POST", "/api/v1/files", "x", "", "text/plain", {{"name", "a.txt"}}).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/files/" + std::string(64, 'a'), "", "", "").status, 401);
  Response unnamed = call("POST", "/api/v1/files", "x", "tech-a", "text/plain");
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_EQ(field(unnamed), "name");
  Response two = call("POST", "/api/v1/files",
                      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"1.txt\"\r\n"
                      "\r\n1\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; "
                      "filename=\"2.txt\"\r\n\r\n2\r\n--b--\r\n",
                      "tech-a", "multipart/form-data; boundary=b");
  EXPECT_EQ(two.status, 400);
  EXPECT_EQ(field(two), "file");
  Response big = upload(std::string(65, 'x'), "big.bin");
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_FALSE(files.contains(sha256_hex(std::string(65, 'x'))));
  EXPECT_EQ(upload(std::string(64, 'x'), "max.bin").status, 201) << "the limit itself is allowed";

  Response malformed = call("GET", "/api/v1/files/ABC", "", "tech-a", "");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(field(malformed), "sha256");
  EXPECT_EQ(call("GET", "/api/v1/files/" + std::string(64, 'a'), "", "tech-a", "").status, 404);
}

TEST_F(FilesApiTest, L4_AStepsFileEvidenceNamesAnUploadedFileAndTheEventRecordsItsDigest) {
  std::string id = incident_at_l1();
  std::string path = "/api/v1/incidents/" + id + "/steps/L1.backup/complete";
  auto evidence = [](const std::string& ref) {
    return R"({"evidence":[{"kind":"note","text":"已切换"},{"kind":"file","text":"切换截图","ref":")" +
           ref + R"("}]})";
  };
  auto before = log.head()->seq;
  for (std::string ref : {std::string("sha256:abc"), std::string(64, 'A'), sha256_hex("never")}) {
    Response r = call("POST", path, evidence(ref), "tech-a");
    EXPECT_EQ(r.status, 400) << ref << ": " << r.body;
    EXPECT_EQ(field(r), "evidence[1].ref") << ref;
  }
  EXPECT_EQ(log.head()->seq, before) << "nothing was written";

  Response up = upload("PNG screenshot", "切换截图.png", "image/png");
  ASSERT_EQ(up.status, 201);
  std::string digest(json(up).at("sha256").as_string());
  Response done = call("POST", path, evidence(digest), "tech-a");
  ASSERT_EQ(done.status, 200) << done.body;
  auto event = json(done).at("events").at(0);
  EXPECT_EQ(event.at("type").as_string(), "incident.step_completed");
  EXPECT_EQ(event.at("payload").at("evidence").at(1).at("ref").as_string(), digest);
}

}  // namespace
}  // namespace pactum::http
