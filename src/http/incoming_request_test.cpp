#include "http/incoming_request.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

namespace bhttp = boost::beast::http;

bhttp::request_header<> header(unsigned version) {
  bhttp::request_header<> h;
  h.method(bhttp::verb::post);
  h.target("/api/v1/alerts");
  h.version(version);
  return h;
}

TEST(RequestFraming, ContentLengthAloneAndChunkedAloneAreTrusted) {
  auto length = header(11);
  length.set(bhttp::field::content_length, "12");
  EXPECT_EQ(framing_problem(length), "");
  auto chunked = header(11);
  chunked.set(bhttp::field::transfer_encoding, "Chunked");
  EXPECT_EQ(framing_problem(chunked), "");
}

TEST(RequestFraming, BothHeadersAreASmugglingAttempt) {
  auto h = header(11);
  h.set(bhttp::field::content_length, "12");
  h.set(bhttp::field::transfer_encoding, "chunked");
  EXPECT_EQ(framing_problem(h), "a request may not have both Content-Length and Transfer-Encoding");
}

TEST(RequestFraming, OtherCodingsAndHttp10AreRefused) {
  auto gzip = header(11);
  gzip.set(bhttp::field::transfer_encoding, "gzip, chunked");
  EXPECT_EQ(framing_problem(gzip), "Transfer-Encoding must be exactly \"chunked\"");
  auto twice = header(11);
  twice.insert(bhttp::field::transfer_encoding, "chunked");
  twice.insert(bhttp::field::transfer_encoding, "chunked");
  EXPECT_EQ(framing_problem(twice), "Transfer-Encoding must be exactly \"chunked\"");
  auto old = header(10);
  old.set(bhttp::field::transfer_encoding, "chunked");
  EXPECT_EQ(framing_problem(old), "an HTTP/1.0 request may not have a Transfer-Encoding");
}

TEST(IncomingRequest, PathQueryAndLowerCaseHeadersTheBodyMoved) {
  bhttp::request<bhttp::string_body> msg{bhttp::verb::get,
                                         "/api/v1/incidents?status=open&q=%E5%81%9C", 11};
  msg.set("X-Request-Id", "r1");
  msg.body() = "body";
  std::string problem;
  auto r = to_request(msg, "10.0.0.1", problem);
  ASSERT_TRUE(r) << problem;
  EXPECT_EQ(r->method, "GET");
  EXPECT_EQ(r->path, "/api/v1/incidents");
  EXPECT_EQ(r->query.at("q"), "停");
  ASSERT_EQ(r->query_list.size(), 2u);
  EXPECT_EQ(r->query_list[0].first, "status");
  EXPECT_EQ(r->header("x-request-id"), "r1");
  EXPECT_EQ(r->body, "body");
  EXPECT_EQ(r->remote, "10.0.0.1");
}

TEST(IncomingRequest, AnUndecodableTargetIsAProblemNotARequest) {
  bhttp::request<bhttp::string_body> msg{bhttp::verb::get, "http://elsewhere/x", 11};
  std::string problem;
  EXPECT_FALSE(to_request(msg, "", problem));
  EXPECT_EQ(problem, "the request target is not a valid path");
}

}  // namespace
}  // namespace pactum::http
