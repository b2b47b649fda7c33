// L4: the evidence upload's multipart/form-data, strict: one file part, or a refusal naming what
// is wrong. Hostile bodies (no boundary, truncated, two files, endless headers) never crash it.
#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace pactum::http {
namespace {

const std::string kBoundary = "----WebKitFormBoundaryx7Qz";

std::string part(const std::string& disposition, const std::string& type,
                 const std::string& bytes) {
  std::string p = "--" + kBoundary + "\r\nContent-Disposition: " + disposition + "\r\n";
  if (!type.empty()) p += "Content-Type: " + type + "\r\n";
  return p + "\r\n" + bytes + "\r\n";
}
std::string end() { return "--" + kBoundary + "--\r\n"; }

std::string refusal(std::string_view body) {
  auto r = parse_multipart_file(body, kBoundary);
  if (r) return "accepted";
  EXPECT_EQ(r.error().field, "file");
  return r.error().message;
}

TEST(Multipart, L4_TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(*multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b;c\""), "a b;c");
  for (const std::string& bad : std::vector<std::string>{
           "multipart/form-data",
           "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unclosed",
           "multipart/form-data; boundary=" + std::string(71, 'x'),
           "multipart/form-data; boundary=a\x01"}) {
    auto b = multipart_boundary(bad);
    ASSERT_FALSE(b) << bad;
    EXPECT_EQ(b.error().field, "Content-Type");
  }
}

TEST(Multipart, L4_OneFilePartGivesItsBytesTypeAndName) {
  static const char kPng[] = "\x89PNG\r\n\x1a\n\0binary\r\n--not-the-boundary";
  std::string bytes(kPng, sizeof kPng - 1);
  std::string body =
      part(R"(form-data; name="file"; filename="现场照片.png")", "image/png", bytes) + end() +
      "an epilogue, ignored";
  auto f = parse_multipart_file(body, kBoundary);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->bytes, bytes);
  EXPECT_EQ(f->type, "image/png");
  EXPECT_EQ(f->name, "现场照片.png");
}

TEST(Multipart, L4_FilenameStarIsUtf8PercentDecodedAndWins) {
  std::string body = part(
                         "form-data; name=\"file\"; filename=\"fallback.pdf\"; "
                         "filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf",
                         "", "%PDF") +
                     end();
  auto f = parse_multipart_file(body, kBoundary);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->name, "报告.pdf");
  EXPECT_EQ(f->type, "application/octet-stream");  // no Content-Type: bytes
  EXPECT_NE(refusal(part("form-data; name=\"f\"; filename*=ISO-8859-1''x", "", "x") + end()),
            "accepted");
  EXPECT_NE(refusal(part("form-data; name=\"f\"; filename*=UTF-8''%E6%8", "", "x") + end()),
            "accepted");
}

TEST(Multipart, L4_HostileBodiesAreRefusedSayingWhy) {
  std::string file = part(R"(form-data; name="file"; filename="a.txt")", "text/plain", "hello");
  EXPECT_EQ(refusal(""), "the multipart body does not begin with its boundary");
  EXPECT_EQ(refusal("preamble\r\n" + file + end()),
            "the multipart body does not begin with its boundary");
  EXPECT_EQ(refusal(end()), "the form has no file");
  // Truncated: the part ends before its closing boundary, or before its headers end.
  EXPECT_EQ(refusal(file), "the file part is truncated: no closing boundary");
  EXPECT_EQ(refusal(file.substr(0, file.size() - 3)),
            "the file part is truncated: no closing boundary");
  EXPECT_EQ(refusal("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"f\""),
            "the file part is truncated: no blank line after its headers");
  // Two files, or a file and a field: one file at a time.
  EXPECT_EQ(refusal(file + part(R"(form-data; name="file"; filename="b.txt")", "", "b") + end()),
            "the form has a second part: send one file");
  EXPECT_EQ(refusal(part(R"(form-data; name="note")", "", "text") + end()),
            "the part is not a file (its Content-Disposition has no filename)");
  EXPECT_EQ(refusal("--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + end()),
            "the part has no Content-Disposition");
  EXPECT_EQ(refusal(part(R"(attachment; filename="a.txt")", "", "x") + end()),
            "the part's Content-Disposition is not form-data with its parameters");
  EXPECT_EQ(refusal(part(R"(form-data; filename="unclosed)", "", "x") + end()),
            "the part's Content-Disposition is not form-data with its parameters");
  EXPECT_EQ(refusal("--" + kBoundary + "\r\nno colon here\r\n\r\nx\r\n" + end()),
            "a part header has no colon");
  EXPECT_EQ(refusal("--" + kBoundary + "garbage"), "the boundary line is malformed");
  EXPECT_EQ(refusal(file + "--" + kBoundary + "zz"), "the closing boundary line is malformed");
  // Endless headers are cut at 8 KiB rather than searched to the end of a 20 MB body.
  std::string endless = "--" + kBoundary + "\r\nX-Padding: " + std::string(9000, 'a');
  EXPECT_EQ(refusal(endless + "\r\n\r\nx\r\n" + end()), "the file part's headers are over 8 KiB");
}

}  // namespace
}  // namespace pactum::http
