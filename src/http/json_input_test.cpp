#include "http/json_input.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

TEST(JsonInput, ReadsFieldsAndNamesTheFirstProblem) {
  auto in = Input::parse(R"({"a":"x","n":{"b":"y"},"list":[{"c":"z"}]})");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->str("a"), "x");
  auto n = in->object("n");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->str("b"), "y");
  auto list = in->objects("list");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].str("c"), "z");
  EXPECT_TRUE(in->finish().ok());
  EXPECT_TRUE(n->finish().ok());
}

TEST(JsonInput, BadInputIsAnErrorNamingTheField) {
  struct Case {
    const char* body;
    const char* field;
    const char* message;
  } cases[] = {
      {R"({"a": 5})", "a", "must be a string, not a number"},
      {R"({})", "a", "\"a\" is required"},
      {R"({"a": "x", "extra": 1})", "extra", "unknown field \"extra\""},
      {R"({"a": "x", "t": "yesterday"})", "t", "RFC 3339"},
  };
  for (const auto& c : cases) {
    auto in = Input::parse(c.body);
    ASSERT_TRUE(in.ok());
    in->str("a");
    in->instant("t", false);
    auto e = in->finish();
    ASSERT_FALSE(e.ok()) << c.body;
    EXPECT_EQ(e.error().field, c.field) << c.body;
    EXPECT_NE(e.error().message.find(c.message), std::string::npos) << e.error().message;
  }
}

TEST(JsonInput, MalformedBodiesAreRefused) {
  EXPECT_FALSE(Input::parse("{").ok());
  EXPECT_FALSE(Input::parse("[1,2]").ok());
  EXPECT_FALSE(Input::parse("").ok());
  EXPECT_TRUE(Input::parse("", true).ok());
  EXPECT_FALSE(Input::parse("{\"a\":\"\xff\xfe\"}").ok()) << "invalid UTF-8";
  EXPECT_FALSE(Input::parse(std::string(100, '[') + std::string(100, ']')).ok()) << "too deep";
  auto in = Input::parse(R"({"a":")" + std::string(30000, 'x') + R"("})");
  ASSERT_TRUE(in.ok());
  in->str("a");
  EXPECT_NE(in->finish().error().message.find("longer than"), std::string::npos);
}

}  // namespace
}  // namespace pactum::http
