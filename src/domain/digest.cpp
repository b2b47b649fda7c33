#include "domain/digest.hpp"

// The low-level SHA-256 interface is deprecated in OpenSSL 3 in favour of EVP, but EVP's
// per-digest provider lookup (locks included) costs more than hashing a small record. The
// low-level functions use the same SHA extensions. Suppressing the deprecation is deliberate.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace pactum {

Sha256::Sha256() : ctx_(new SHA256_CTX) { start(); }

Sha256::~Sha256() { delete static_cast<SHA256_CTX*>(ctx_); }

void Sha256::start() { SHA256_Init(static_cast<SHA256_CTX*>(ctx_)); }

void Sha256::add(std::string_view bytes) {
  SHA256_Update(static_cast<SHA256_CTX*>(ctx_), bytes.data(), bytes.size());
}

namespace {

// Writes 2 * n lower-case hex digits of bytes[0, n) to out.
void write_hex(const unsigned char* bytes, std::size_t n, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0xF];
  }
}

}  // namespace

std::array<char, 64> Sha256::finish_hex() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256_Final(digest.data(), static_cast<SHA256_CTX*>(ctx_));
  std::array<char, 64> out{};
  write_hex(digest.data(), digest.size(), out.data());
  return out;
}

std::array<unsigned char, 32> Sha256::finish() {
  std::array<unsigned char, 32> digest{};
  SHA256_Final(digest.data(), static_cast<SHA256_CTX*>(ctx_));
  return digest;
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2, '\0');
  write_hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out.data());
  return out;
}

std::string from_hex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) return "";
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = digit(hex[2 * i]), lo = digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return "";
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

namespace {

// One hasher per thread, reused.
Sha256& thread_hasher() {
  thread_local Sha256 sha;
  return sha;
}

std::string to_string(const std::array<char, 64>& hex) {
  return std::string(hex.data(), hex.size());
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256& sha = thread_hasher();
  sha.start();
  sha.add(bytes);
  return to_string(sha.finish_hex());
}

std::string chain_hash(std::string_view prev_hash_hex, std::string_view canonical_record) {
  Sha256& sha = thread_hasher();
  sha.start();
  sha.add(prev_hash_hex);
  sha.add("\n");
  sha.add(canonical_record);
  return to_string(sha.finish_hex());
}

}  // namespace pactum
