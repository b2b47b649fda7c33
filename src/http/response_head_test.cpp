#include "http/response_head.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

TEST(ResponseHead, StatusLineHeadersAndLengthOfTheBody) {
  Response r;
  r.status = 201;
  r.content_type = "application/json";
  r.headers.emplace_back("Location", "/api/v1/incidents/INC-2026-0001");
  r.body = "{\"id\":1}";
  EXPECT_EQ(response_head(r, 11, true),
            "HTTP/1.1 201 Created\r\nServer: pactum\r\nContent-Type: application/json\r\n"
            "X-Content-Type-Options: nosniff\r\nLocation: /api/v1/incidents/INC-2026-0001\r\n"
            "Content-Length: 8\r\n\r\n");
}

TEST(ResponseHead, ConnectionHeaderOnlyWhereTheVersionsDefaultDiffers) {
  Response r;
  r.status = 200;
  r.content_type = "text/plain";
  EXPECT_NE(response_head(r, 11, false).find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(response_head(r, 11, true).find("Connection:"), std::string::npos);
  EXPECT_NE(response_head(r, 10, true).find("HTTP/1.0 200 OK\r\n"), std::string::npos);
  EXPECT_NE(response_head(r, 10, true).find("Connection: keep-alive\r\n"), std::string::npos);
  EXPECT_EQ(response_head(r, 10, false).find("Connection:"), std::string::npos);
}

TEST(ResponseHead, ALineBreakInAHeaderValueCannotStartAnotherHeader) {
  Response r;
  r.status = 200;
  r.content_type = "text/plain";
  r.headers.emplace_back("Content-Disposition", "attachment\r\nSet-Cookie: x=1");
  std::string head = response_head(r, 11, true);
  EXPECT_NE(head.find("Content-Disposition: attachmentSet-Cookie: x=1\r\n"), std::string::npos);
  EXPECT_EQ(head.find("\r\nSet-Cookie"), std::string::npos);
}

}  // namespace
}  // namespace pactum::http
