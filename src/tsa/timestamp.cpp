#include "tsa/timestamp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

namespace pactum::tsa {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  char buf[256] = "unknown error";
  if (e) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

Error wrong(std::string what) { return invalid("timestamp", std::move(what)); }

std::string sha256(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// An imprint of `digest` (SHA-256) as RFC 3161 writes it.
Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint_of(const std::string& digest) {
  Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
  Owned<X509_ALGOR, X509_ALGOR_free> algo(X509_ALGOR_new());
  X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get());  // copies
  TS_MSG_IMPRINT_set_msg(imprint.get(),
                         reinterpret_cast<unsigned char*>(const_cast<char*>(digest.data())),
                         static_cast<int>(digest.size()));
  return imprint;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Result<std::string> post(const std::string& url, const std::string& body) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error{ErrorCode::unavailable, "libcurl could not start", {}};
  std::string reply;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/timestamp-query");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    return Error{ErrorCode::unavailable,
                 fmt::format("the time-stamping authority {}: {}", url, curl_easy_strerror(rc)),
                 {}};
  }
  if (status != 200) {
    return Error{ErrorCode::unavailable,
                 fmt::format("the time-stamping authority {} answered {}", url, status),
                 {}};
  }
  return reply;
}

}  // namespace

Result<std::string> stamp(const std::string& url, std::string_view data) {
  std::string digest = sha256(data);
  Owned<TS_REQ, TS_REQ_free> request(TS_REQ_new());
  TS_REQ_set_version(request.get(), 1);
  auto imprint = imprint_of(digest);
  TS_REQ_set_msg_imprint(request.get(), imprint.get());  // copies
  unsigned char nonce_bytes[8];
  RAND_bytes(nonce_bytes, sizeof nonce_bytes);
  Owned<BIGNUM, BN_free> nonce_bn(BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr));
  Owned<ASN1_INTEGER, ASN1_INTEGER_free> nonce(BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr));
  TS_REQ_set_nonce(request.get(), nonce.get());  // copies
  TS_REQ_set_cert_req(request.get(), 1);  // the TSA's certificate in the token: verifiable alone
  unsigned char* der = nullptr;
  int length = i2d_TS_REQ(request.get(), &der);
  if (length <= 0) return Error{ErrorCode::internal, "encoding the time-stamp request", {}};
  std::string body(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);

  auto reply = post(url, body);
  if (!reply) return reply.error();
  const auto* p = reinterpret_cast<const unsigned char*>(reply->data());
  Owned<TS_RESP, TS_RESP_free> response(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply->size())));
  if (!response) return wrong("the time-stamping authority's answer is not an RFC 3161 response");
  // The answer must be to this request: granted, same imprint, same nonce (signature: later).
  Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> ctx(TS_REQ_to_TS_VERIFY_CTX(request.get(), nullptr));
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (TS_RESP_verify_response(ctx.get(), response.get()) != 1) {
    return wrong("the time-stamping authority's answer does not fit the request: " +
                 openssl_error());
  }
  unsigned char* token_der = nullptr;
  int token_length = i2d_PKCS7(TS_RESP_get_token(response.get()), &token_der);
  if (token_length <= 0) return wrong("the answer holds no time-stamp token");
  std::string token(reinterpret_cast<char*>(token_der), static_cast<std::size_t>(token_length));
  OPENSSL_free(token_der);
  return token;
}

Result<Verified> verify(std::string_view token, std::string_view data,
                        const std::optional<std::string>& ca_file) {
  const auto* p = reinterpret_cast<const unsigned char*>(token.data());
  Owned<PKCS7, PKCS7_free> pkcs7(d2i_PKCS7(nullptr, &p, static_cast<long>(token.size())));
  if (!pkcs7) return wrong("not a time-stamp token (DER PKCS#7)");
  Owned<TS_TST_INFO, TS_TST_INFO_free> info(PKCS7_to_TS_TST_INFO(pkcs7.get()));
  if (!info) return wrong("the token holds no time-stamp information");

  Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> ctx(TS_VERIFY_CTX_new());
  int flags = TS_VFY_VERSION | TS_VFY_IMPRINT;
  std::string digest = sha256(data);
  auto* copy = static_cast<unsigned char*>(OPENSSL_malloc(digest.size()));
  std::copy(digest.begin(), digest.end(), copy);
  TS_VERIFY_CTX_set_imprint(ctx.get(), copy, static_cast<long>(digest.size()));  // takes it
  if (ca_file) {
    flags |= TS_VFY_SIGNATURE;
    X509_STORE* store = X509_STORE_new();
    if (X509_STORE_load_file(store, ca_file->c_str()) != 1) {
      X509_STORE_free(store);
      return wrong("cannot read the time-stamping authority's certificate " + *ca_file);
    }
    TS_VERIFY_CTX_set_store(ctx.get(), store);  // takes it
  }
  TS_VERIFY_CTX_set_flags(ctx.get(), flags);
  if (TS_RESP_verify_token(ctx.get(), pkcs7.get()) != 1) {
    return wrong("the time-stamp does not verify: " + openssl_error());
  }
  Verified v;
  v.signature_checked = ca_file.has_value();
  Owned<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
  ASN1_GENERALIZEDTIME_print(bio.get(), TS_TST_INFO_get_time(info.get()));
  char* text = nullptr;
  long n = BIO_get_mem_data(bio.get(), &text);
  v.time.assign(text, static_cast<std::size_t>(n));
  return v;
}

}  // namespace pactum::tsa
