#include "notify/webhook_channel.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>

#include "domain/digest.hpp"

namespace pactum::notify {
namespace {

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

HttpPost webhook_request(const WebhookConfig& c, const OutboxMessage& m, std::int64_t unix_ms) {
  using boost::json::array;
  using boost::json::object;
  std::string text = m.subject + "\n" + m.body;
  array mentions;
  if (!m.mention.empty()) mentions.emplace_back(m.mention);
  HttpPost post{c.url, "", {{"Content-Type", "application/json"}, {"Idempotency-Key", m.id}}};
  if (c.kind == "wecom") {
    post.body = boost::json::serialize(
        object{{"msgtype", "text"},
               {"text", object{{"content", text}, {"mentioned_mobile_list", mentions}}}});
  } else if (c.kind == "dingtalk") {
    // Signed URL: timestamp (ms) and the base64 HMAC-SHA256 of "timestamp\nsecret" keyed by secret.
    if (!c.secret.empty()) {
      std::string ts = std::to_string(unix_ms);
      std::string sign = url_encode(base64(hmac_sha256(c.secret, ts + "\n" + c.secret)));
      post.url += fmt::format("{}timestamp={}&sign={}",
                              c.url.find('?') == std::string::npos ? "?" : "&", ts, sign);
    }
    post.body = boost::json::serialize(object{{"msgtype", "text"},
                                              {"text", object{{"content", text}}},
                                              {"at", object{{"atMobiles", mentions}}}});
  } else if (c.kind == "feishu") {
    // Signed body: seconds, and the base64 HMAC-SHA256 of an empty message keyed by
    // "timestamp\nsecret".
    object body{{"msg_type", "text"}, {"content", object{{"text", text}}}};
    if (!c.secret.empty()) {
      std::string ts = std::to_string(unix_ms / 1000);
      body["timestamp"] = ts;
      body["sign"] = base64(hmac_sha256(ts + "\n" + c.secret, ""));
    }
    post.body = boost::json::serialize(body);
  } else if (c.kind == "slack") {
    post.body = boost::json::serialize(object{{"text", "*" + m.subject + "*\n" + m.body}});
  } else {
    // The generic webhook: the message as JSON, signed over "timestamp.body".
    post.body = boost::json::serialize(object{{"id", m.id},
                                              {"incident", m.incident},
                                              {"notice", m.notice},
                                              {"kind", m.kind},
                                              {"recipient", m.recipient},
                                              {"subject", m.subject},
                                              {"body", m.body}});
    std::string ts = std::to_string(unix_ms / 1000);
    post.headers.emplace_back("X-Pactum-Timestamp", ts);
    if (!c.secret.empty()) {
      post.headers.emplace_back("X-Pactum-Signature",
                                "sha256=" + to_hex(hmac_sha256(c.secret, ts + "." + post.body)));
    }
  }
  return post;
}

Delivery judge_answer(long status, const std::string& body) {
  if (status >= 500 || status == 429 || status == 0)
    return {false, false, fmt::format("HTTP {}: {}", status, body.substr(0, 200))};
  if (status >= 400) return {false, true, fmt::format("HTTP {}: {}", status, body.substr(0, 200))};
  boost::system::error_code ec;
  auto json = boost::json::parse(body, ec);
  if (!ec && json.is_object()) {
    for (const char* field : {"errcode", "code", "StatusCode"}) {
      if (const auto* v = json.as_object().if_contains(field);
          v && v->is_number() && v->to_number<long>() != 0) {
        return {false, false,
                fmt::format("HTTP {} with {} {}: {}", status, field, v->to_number<long>(),
                            body.substr(0, 200))};
      }
    }
  }
  return {true, false, fmt::format("HTTP {}", status)};
}

Delivery WebhookChannel::deliver(const OutboxMessage& m) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
                 .count();
  HttpPost post = webhook_request(config_, m, now);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "libcurl cannot start"};
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : post.headers)
    headers = curl_slist_append(headers, (k + ": " + v).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(headers, curl_slist_free_all);
  std::string answer;
  curl_easy_setopt(curl.get(), CURLOPT_URL, post.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post.body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(post.body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 15L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) return {false, false, curl_easy_strerror(rc)};
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  return judge_answer(status, answer);
}

}  // namespace pactum::notify
