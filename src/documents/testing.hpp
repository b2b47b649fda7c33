// Test support (only test binaries include this): a PDF read back with poppler's command-line
// tools, as a person's reader would see it.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace pactum::documents::testing {

// Writes the PDF to a temporary file and returns what `tool ARGS FILE ...` prints.
inline std::string run_on_pdf(const std::string& pdf, const std::string& command) {
  auto path = std::filesystem::temp_directory_path() /
              ("pactum-doc-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pdf");
  {
    std::ofstream f(path, std::ios::binary);
    f << pdf;
  }
  std::string cmd = command;
  auto at = cmd.find("{}");
  if (at == std::string::npos) throw std::invalid_argument("no {} in " + command);
  cmd.replace(at, 2, "'" + path.string() + "'");
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + cmd);
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  std::filesystem::remove(path);
  if (status != 0) throw std::runtime_error(cmd + " failed: " + out);
  return out;
}

// The text pdftotext reads (UTF-8, in reading order).
inline std::string pdf_text(const std::string& pdf) {
  return run_on_pdf(pdf, "pdftotext -enc UTF-8 {} -");
}

// The text without line breaks and spaces: a wrapped line reads as one.
inline std::string pdf_text_joined(const std::string& pdf) {
  std::string out;
  for (char c : pdf_text(pdf)) {
    if (c != '\n' && c != ' ' && c != '\f') out += c;
  }
  return out;
}

inline int pdf_pages(const std::string& pdf) {
  std::string info = run_on_pdf(pdf, "pdfinfo {}");
  auto at = info.find("Pages:");
  if (at == std::string::npos) throw std::runtime_error("no page count in " + info);
  return std::stoi(info.substr(at + 6));
}

}  // namespace pactum::documents::testing
