// Serving the embedded web app: its files by path, index.html for the app's own routes, with
// caching suited to Vite's hashed file names and a strict content-security policy.
#pragma once

#include <cstddef>
#include <optional>

#include "http/assets.hpp"
#include "http/request_response.hpp"

namespace pactum::http {

class StaticFiles {
 public:
  StaticFiles() = default;
  StaticFiles(const Asset* assets, std::size_t count) : assets_(assets), count_(count) {}

  // The response for a GET of `path`, or nullopt when the path is not the app's (e.g. /api/…).
  std::optional<Response> serve(const std::string& path) const;

 private:
  const Asset* find(const std::string& path) const;
  const Asset* assets_ = nullptr;
  std::size_t count_ = 0;
};

}  // namespace pactum::http
