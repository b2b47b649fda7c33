#include "domain/canonical_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace pactum {
namespace {

std::string canon(const char* json) { return canonical_json(boost::json::parse(json)); }

TEST(CanonicalJson, SortsMembersAndDropsWhitespace) {
  EXPECT_EQ(canon(R"({ "b": 1, "a": [ true, false, null ], "c": { "z": "", "y": 2 } })"),
            R"({"a":[true,false,null],"b":1,"c":{"y":2,"z":""}})");
}

TEST(CanonicalJson, SameValueSameBytesWhateverTheInputOrder) {
  EXPECT_EQ(canon(R"({"level":"L2","actor":{"party":"A","user":"u"}})"),
            canon(R"({"actor":{"user":"u","party":"A"},"level":"L2"})"));
}

TEST(CanonicalJson, SortsByUtf16CodeUnitsAsRfc8785Says) {
  // RFC 8785 §3.2.3's example: U+20AC (€), U+1F600 (surrogates D83D DE00), U+FB33 … in UTF-16 order
  // the surrogate pair (0xD83D) sorts before U+FB33, unlike in code-point order.
  EXPECT_EQ(canon(R"({"\ufb33":1,"\ud83d\ude00":2,"\u20ac":3,"\r":4,"1":5})"),
            "{\"\\r\":4,\"1\":5,\"\u20ac\":3,\"\U0001F600\":2,\"\uFB33\":1}");
}

TEST(CanonicalJson, EscapesOnlyWhatMustBeEscaped) {
  EXPECT_EQ(canon(R"(["\u0001\n\"\\/é中文"])"), "[\"\\u0001\\n\\\"\\\\/é中文\"]");
}

TEST(CanonicalJson, FindsACharacterToEscapeWhereverItSitsInALongString) {
  // Strings are scanned eight bytes at a time: try each byte at each place around the words.
  auto escaped = [](unsigned char c) -> std::string {
    switch (c) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case 0x01:
        return "\\u0001";
      case 0x1f:
        return "\\u001f";
      default:
        return std::string(1, static_cast<char>(c));
    }
  };
  for (int c :
       std::initializer_list<int>{'"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xff, 'x'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(19, 'a');
      s[at % s.size()] = static_cast<char>(c);  // (19 bytes: two words and a tail)
      std::string want = "\"" + s.substr(0, at % s.size()) +
                         escaped(static_cast<unsigned char>(c)) + s.substr(at % s.size() + 1) +
                         "\"";
      std::string got;
      append_canonical_string(got, s);
      EXPECT_EQ(got, want) << "byte " << int(c) << " at " << at;
    }
  }
}

TEST(CanonicalJson, NumbersInTheirShortestEcmaScriptForm) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"[1.0]", "[1]"},
      {"[-0.0]", "[0]"},
      {"[1e21]", "[1e+21]"},
      {"[1e20]", "[100000000000000000000]"},
      {"[0.000001]", "[0.000001]"},
      {"[1e-7]", "[1e-7]"},
      {"[123.456]", "[123.456]"},
      {"[4.5]", "[4.5]"},
      {"[9007199254740993]", "[9007199254740993]"},  // int64 stays exact
      {"[-42]", "[-42]"},
      {"[0.1]", "[0.1]"},
      {"[1.5e300]", "[1.5e+300]"},
  };
  for (const auto& c : cases) EXPECT_EQ(canon(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace pactum
