#include "planfile/plan_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "planfile/load.hpp"

namespace pactum::planfile {
namespace {

TEST(PlanJson, CarriesEverySectionInTheFilesTerms) {
  auto r = load_plan_file(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  ASSERT_TRUE(r.plan);
  auto json = plan_to_json(*r.plan);
  const auto& o = json.as_object();
  for (const char* key :
       {"format",  "id",       "version",     "title",         "agreement",     "calendar",
        "parties", "contacts", "roles",       "channels",      "triggers",      "assessment",
        "process", "levels",   "permissions", "escalation",    "fund",          "suppliers",
        "backups", "drills",   "training",    "communication", "third_parties", "governance"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
  EXPECT_EQ(json.at("fund").at("reserve").as_string(), "5%");
  EXPECT_EQ(json.at("agreement").at("value").as_string(), "20000000.00");
  EXPECT_EQ(json.at("process").at("assess").at("within").as_string(), "4h");
  EXPECT_EQ(json.at("process").at("assess").at("from").as_string(), "reported");
  EXPECT_EQ(json.at("levels").at(0).at("name").at("zh").as_string(), "一般级");
  EXPECT_EQ(json.at("assessment").at("matrix").at("severe").at("safety").as_string(), "L3");
  EXPECT_EQ(
      json.at("triggers").at(0).at("conditions").at(0).at("alert").at("match").at(0).as_string(),
      "alertname=\"ServiceDown\"");
  EXPECT_EQ(json.at("permissions").at("sync").at("roles").at(0).as_string(), "emergency_contact");
  EXPECT_EQ(json.at("permissions").at("sync").at("parties").as_string(), "any");
}

}  // namespace
}  // namespace pactum::planfile
