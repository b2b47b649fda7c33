// The robots' public formats and signatures, checked against their documented algorithms.
#include "notify/webhook_channel.hpp"

#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

namespace pactum::notify {
namespace {

OutboxMessage message() {
  OutboxMessage m;
  m.id = "msg-1";
  m.incident = "INC-2026-0001";
  m.notice = "breach:sync:0";
  m.kind = "breach";
  m.recipient = "a-liu";
  m.mention = "+86 138 0000 0104";
  m.subject = "【已超时】INC-2026-0001";
  m.body = "请确认：http://x/ack/t";
  return m;
}

std::string b64_hmac(const std::string& key, const std::string& msg) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), out, &len);
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (unsigned i = 0; i < len; i += 3) {
    unsigned v =
        out[i] << 16 | (i + 1 < len ? out[i + 1] << 8 : 0) | (i + 2 < len ? out[i + 2] : 0);
    s += t[v >> 18 & 63];
    s += t[v >> 12 & 63];
    s += i + 1 < len ? t[v >> 6 & 63] : '=';
    s += i + 2 < len ? t[v & 63] : '=';
  }
  return s;
}

TEST(Webhooks, WeComMentionsByMobile) {
  auto post =
      webhook_request({"wecom", "https://qyapi.example/send?key=k", ""}, message(), 1700000000000);
  auto j = boost::json::parse(post.body);
  EXPECT_EQ(j.at("msgtype").as_string(), "text");
  EXPECT_EQ(j.at("text").at("mentioned_mobile_list").at(0).as_string(), "+86 138 0000 0104");
  EXPECT_NE(std::string(j.at("text").at("content").as_string()).find("【已超时】"),
            std::string::npos);
}

TEST(Webhooks, DingTalkSignsTheUrl) {
  auto post =
      webhook_request({"dingtalk", "https://oapi.example/robot/send?access_token=t", "SEC123"},
                      message(), 1700000000000);
  std::string expected = b64_hmac("SEC123", "1700000000000\nSEC123");
  std::string encoded;
  for (char c : expected) {
    if (c == '+')
      encoded += "%2B";
    else if (c == '/')
      encoded += "%2F";
    else if (c == '=')
      encoded += "%3D";
    else
      encoded += c;
  }
  EXPECT_EQ(
      post.url,
      "https://oapi.example/robot/send?access_token=t&timestamp=1700000000000&sign=" + encoded);
  EXPECT_EQ(boost::json::parse(post.body).at("at").at("atMobiles").at(0).as_string(),
            "+86 138 0000 0104");
}

TEST(Webhooks, FeishuSignsTheBody) {
  auto post =
      webhook_request({"feishu", "https://open.example/hook/x", "SEC"}, message(), 1700000000123);
  auto j = boost::json::parse(post.body);
  EXPECT_EQ(j.at("timestamp").as_string(), "1700000000");
  EXPECT_EQ(j.at("sign").as_string(), b64_hmac("1700000000\nSEC", ""));
  EXPECT_EQ(j.at("msg_type").as_string(), "text");
}

TEST(Webhooks, SlackAndTheGenericWebhook) {
  auto slack = webhook_request({"slack", "https://hooks.example/x", ""}, message(), 1700000000000);
  EXPECT_NE(std::string(boost::json::parse(slack.body).at("text").as_string()).find("*【已超时】"),
            std::string::npos);
  auto generic =
      webhook_request({"webhook", "https://example/hook", "key"}, message(), 1700000000000);
  std::string sig;
  for (const auto& [k, v] : generic.headers) {
    if (k == "X-Pactum-Signature") sig = v;
  }
  unsigned char out[32];
  unsigned int len = 0;
  std::string signed_text = "1700000000." + generic.body;
  HMAC(EVP_sha256(), "key", 3, reinterpret_cast<const unsigned char*>(signed_text.data()),
       signed_text.size(), out, &len);
  char hex[65];
  for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", out[i]);
  EXPECT_EQ(sig, std::string("sha256=") + hex);
  EXPECT_EQ(boost::json::parse(generic.body).at("id").as_string(), "msg-1");
}

TEST(Webhooks, AnswersAreJudgedByStatusAndErrorCode) {
  EXPECT_TRUE(judge_answer(200, R"({"errcode":0,"errmsg":"ok"})").ok);
  EXPECT_FALSE(judge_answer(200, R"({"errcode":310000,"errmsg":"sign not match"})").ok);
  EXPECT_FALSE(judge_answer(500, "oops").permanent);
  EXPECT_TRUE(judge_answer(404, "no").permanent);
  EXPECT_FALSE(judge_answer(429, "slow down").permanent);
}

}  // namespace
}  // namespace pactum::notify
