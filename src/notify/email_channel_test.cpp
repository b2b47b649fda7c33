#include "notify/email_channel.hpp"

#include <gtest/gtest.h>

namespace pactum::notify {
namespace {

TEST(Email, TheSubjectAndBodyAreEncodedSoChineseSurvives) {
  OutboxMessage m;
  m.id = "msg-42";
  m.incident = "INC-2026-0001";
  m.notice = "report";
  m.target = "zhang.wei@a.example.cn";
  m.subject = "【应急上报】INC-2026-0001";
  m.body = "问题现象：订单系统无法访问";
  std::string mime = mime_message({"smtp://127.0.0.1:2525", "pactum@example.com", "", "", false, 5},
                                  m, "Fri, 27 Nov 2026 20:00:00 +0000");
  EXPECT_NE(mime.find("Subject: =?UTF-8?B?44CQ5bqU5oCl5LiK5oql44CRSU5DLTIwMjYtMDAwMQ==?="),
            std::string::npos)
      << mime;
  EXPECT_NE(mime.find("Message-ID: <msg-42@example.com>"), std::string::npos);
  EXPECT_NE(mime.find("Content-Transfer-Encoding: base64"), std::string::npos);
  EXPECT_NE(mime.find("6Zeu6aKY546w6LGh"), std::string::npos) << "the body, base64";
}

}  // namespace
}  // namespace pactum::notify
