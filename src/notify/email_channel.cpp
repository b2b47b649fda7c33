#include "notify/email_channel.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>

namespace pactum::notify {
namespace {

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// RFC 2047 encoded-word for a header value with non-ASCII text.
std::string encode_header(const std::string& text) {
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return text;
  return "=?UTF-8?B?" + base64(text) + "?=";
}

// Base64 body folded at 76 characters.
std::string body_base64(const std::string& text) {
  std::string b = base64(text), out;
  for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

struct Upload {
  std::string data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t len = std::min(size * n, u->data.size() - u->sent);
  std::memcpy(buffer, u->data.data() + u->sent, len);
  u->sent += len;
  return len;
}

}  // namespace

std::string mime_message(const SmtpConfig& config, const OutboxMessage& m,
                         const std::string& date) {
  std::string domain = config.from.substr(config.from.find('@') + 1);
  return fmt::format(
      "Date: {}\r\nFrom: Pactum <{}>\r\nTo: <{}>\r\nSubject: {}\r\nMessage-ID: <{}@{}>\r\n"
      "X-Pactum-Incident: {}\r\nX-Pactum-Notice: {}\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
      date, config.from, m.target, encode_header(m.subject), m.id, domain, m.incident, m.notice,
      body_base64(m.body));
}

Delivery EmailChannel::deliver(const OutboxMessage& m) {
  if (m.target.find('@') == std::string::npos)
    return {false, true, "no email address for " + m.recipient};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {false, false, "libcurl cannot start"};
  char date[64];
  std::time_t now = std::chrono::system_clock::to_time_t(clock_.now());
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", std::gmtime(&now));
  Upload upload{mime_message(config_, m, date)};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.target + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(rcpt, curl_slist_free_all);
  std::string from = "<" + config_.from + ">";
  curl_easy_setopt(curl.get(), CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  if (config_.starttls)
    curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.username.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, config_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl.get());
  long code = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &code);
  if (rc == CURLE_OK) return {true, false, fmt::format("{} accepted by {}", code, config_.url)};
  // 5xx answers to the recipient are permanent; connection problems and 4xx are worth a retry.
  bool permanent =
      rc == CURLE_RECV_ERROR ? false : (code >= 500 && code < 600 && rc != CURLE_COULDNT_CONNECT);
  return {false, permanent, fmt::format("{} ({})", curl_easy_strerror(rc), code)};
}

}  // namespace pactum::notify
