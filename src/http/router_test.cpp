#include "http/router.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

Handler named(std::string* out, std::string name) {
  return [out, name](Request&, Reply) { *out = name; };
}

TEST(Router, MatchesMethodAndPatternAndFillsParameters) {
  std::string hit;
  Router r;
  r.add("GET", "/api/v1/incidents", named(&hit, "list"));
  r.add("POST", "/api/v1/incidents", named(&hit, "report"));
  r.add("GET", "/api/v1/incidents/{id}", named(&hit, "show"));
  r.add("POST", "/api/v1/incidents/{id}/steps/{step}/complete", named(&hit, "step"));
  std::vector<std::string> allowed;
  Request req{"POST", "/api/v1/incidents/INC-1/steps/L1.fix/complete"};
  const Route* route = r.match(req, allowed);
  ASSERT_TRUE(route);
  EXPECT_EQ(route->pattern, "/api/v1/incidents/{id}/steps/{step}/complete");
  EXPECT_EQ(req.params.at("id"), "INC-1");
  EXPECT_EQ(req.params.at("step"), "L1.fix");
}

TEST(Router, AKnownPathWithAnotherMethodListsWhatIsAllowed) {
  std::string hit;
  Router r;
  r.add("GET", "/api/v1/incidents", named(&hit, "list"));
  r.add("POST", "/api/v1/incidents", named(&hit, "report"));
  std::vector<std::string> allowed;
  Request req{"DELETE", "/api/v1/incidents"};
  EXPECT_FALSE(r.match(req, allowed));
  EXPECT_EQ(allowed, (std::vector<std::string>{"GET", "POST"}));
  Request unknown{"GET", "/api/v1/nothing"};
  EXPECT_FALSE(r.match(unknown, allowed));
  EXPECT_TRUE(allowed.empty());
  Request head{"HEAD", "/api/v1/incidents"};
  EXPECT_TRUE(r.match(head, allowed)) << "HEAD is answered like GET";
}

TEST(Router, EmptySegmentsDoNotMatchParameters) {
  std::string hit;
  Router r;
  r.add("GET", "/api/v1/incidents/{id}", named(&hit, "show"));
  std::vector<std::string> allowed;
  Request req{"GET", "/api/v1/incidents/"};
  EXPECT_FALSE(r.match(req, allowed));
}

}  // namespace
}  // namespace pactum::http
