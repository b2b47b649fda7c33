// L4: what an evidence upload carries (a raw body or a one-file form) and the name its download
// is given (RFC 6266 with RFC 8187's filename* for Chinese names).
#include "http/file_upload.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

Request raw(const std::string& type, const std::string& body, const std::string& name) {
  Request r{"POST", "/api/v1/files"};
  if (!type.empty()) r.headers["content-type"] = type;
  if (!name.empty()) r.query["name"] = name;
  r.body = body;
  return r;
}

std::string field_of(const Request& r) {
  auto u = upload_of(r);
  return u ? "accepted" : u.error().field + ": " + u.error().message;
}

TEST(FileUpload, L4_ARawBodyIsTheFileNamedByTheQuery) {
  Request r = raw("Image/JPEG; foo=bar", "jpeg bytes", "现场/照片.jpg");
  auto u = upload_of(r);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->bytes, "jpeg bytes");
  EXPECT_EQ(u->type, "image/jpeg");
  EXPECT_EQ(u->name, "照片.jpg");  // no directory part
  EXPECT_EQ(upload_of(raw("", "x", "a.bin"))->type, "application/octet-stream");
}

TEST(FileUpload, L4_AFormCarriesOneFile) {
  Request r = raw("multipart/form-data; boundary=XyZ",
                  "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                  "filename=\"C:\\fakepath\\报告.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                  "%PDF-1.7\r\n--XyZ--\r\n",
                  "");
  auto u = upload_of(r);
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->bytes, "%PDF-1.7");
  EXPECT_EQ(u->type, "application/pdf");
  EXPECT_EQ(u->name, "报告.pdf");
  EXPECT_EQ(field_of(raw("multipart/form-data", "--x\r\n", "")),
            "Content-Type: multipart/form-data needs its boundary parameter");
}

TEST(FileUpload, L4_RefusalsNameTheField) {
  EXPECT_EQ(field_of(raw("text/plain", "x", "")), "name: the file needs a name");
  EXPECT_EQ(field_of(raw("text/plain", "x", "dir/")), "name: the file needs a name");
  EXPECT_EQ(field_of(raw("text/plain", "x", std::string(256, 'a'))),
            "name: the file's name is over 255 bytes");
  EXPECT_EQ(field_of(raw("text/plain", "x", "bad\xff.txt")), "name: the file's name is not UTF-8");
  EXPECT_EQ(field_of(raw("text/plain", "x", "\xe6\x8a")), "name: the file's name is not UTF-8");
  EXPECT_EQ(field_of(raw("text/plain", "x", "\xc0\xaf.txt")), "name: the file's name is not UTF-8");
  EXPECT_EQ(field_of(raw("text/plain", "x", "a\nb.txt")),
            "name: the file's name has a control character");
  EXPECT_EQ(field_of(raw("text/plain", "", "a.txt")), "file: the file is empty");
  EXPECT_EQ(field_of(raw("text", "x", "a.txt")),
            "Content-Type: the file's Content-Type is malformed");
  EXPECT_EQ(field_of(raw("text/<script>", "x", "a.txt")),
            "Content-Type: the file's Content-Type is malformed");
}

TEST(FileUpload, L4_TheDownloadKeepsTheNameInEveryBrowser) {
  EXPECT_EQ(attachment_disposition("report.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(attachment_disposition("监理 报告\"1\".pdf"),
            "attachment; filename=\"______ _______1_.pdf\"; "
            "filename*=UTF-8''%E7%9B%91%E7%90%86%20%E6%8A%A5%E5%91%8A%221%22.pdf");
}

}  // namespace
}  // namespace pactum::http
