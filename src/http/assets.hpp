// Files served as they are (the web app, built and compiled into the binary).
#pragma once

#include <cstddef>

namespace pactum::http {

struct Asset {
  const char* path;  // "/index.html", "/assets/index-Bpr91LXi.js"
  const char* content_type;
  const char* data;
  std::size_t size;
};

}  // namespace pactum::http
