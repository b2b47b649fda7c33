#include "http/static_files.hpp"

#include <string>

namespace pactum::http {

const Asset* StaticFiles::find(const std::string& path) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (path == assets_[i].path) return &assets_[i];
  }
  return nullptr;
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  if (count_ == 0 || path.rfind("/api/", 0) == 0) return std::nullopt;
  const Asset* asset = find(path);
  bool hashed = asset && path.rfind("/assets/", 0) == 0;
  if (!asset) {
    if (path.rfind("/assets/", 0) == 0) return std::nullopt;  // a missing file is a 404
    asset = find("/index.html");                              // the app's own routes
    if (!asset) return std::nullopt;
  }
  Response r;
  r.content_type = asset->content_type;
  r.body.assign(asset->data, asset->size);
  // Vite names built files by their content: they never change. The page itself always revalidates.
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  return r;
}

}  // namespace pactum::http
