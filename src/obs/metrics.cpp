#include "obs/metrics.hpp"

#include <fmt/format.h>

#include <array>

namespace pactum::obs {
namespace {

constexpr std::array<double, Metrics::kBuckets> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,   0.25,   0.5,   1,    2.5,   10};

std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string label_text(const Labels& labels, const std::string& extra = "") {
  std::string out;
  for (const auto& [k, v] : labels) out += (out.empty() ? "" : ",") + k + "=\"" + escape(v) + "\"";
  if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
  return out.empty() ? "" : "{" + out + "}";
}

std::string number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)))
    return std::to_string(static_cast<long long>(v));
  return fmt::format("{}", v);
}

}  // namespace

Metrics::Counter& Metrics::counter(const std::string& name, const Labels& labels) {
  std::lock_guard lock(mutex_);
  return counters_[name][labels];
}

Metrics::Histogram& Metrics::histogram(const std::string& name, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& h = histograms_[name][labels];
  h.mutex_ = &mutex_;
  return h;
}

void Metrics::Histogram::observe(double seconds) {
  std::lock_guard lock(*mutex_);
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

void Metrics::describe(const std::string& name, const std::string& type, const std::string& help) {
  std::lock_guard lock(mutex_);
  help_[name] = {type, help};
}

std::string Metrics::sample(const std::string& name, const Labels& labels, double value) {
  return name + label_text(labels) + " " + number(value) + "\n";
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  auto header = [&](const std::string& name, const char* type) {
    auto it = help_.find(name);
    if (it != help_.end()) out += "# HELP " + name + " " + it->second.second + "\n";
    out += "# TYPE " + name + " " + (it != help_.end() ? it->second.first : type) + "\n";
  };
  for (const auto& [name, series] : counters_) {
    header(name, "counter");
    for (const auto& [labels, c] : series) out += sample(name, labels, c.value_.load());
  }
  for (const auto& [name, series] : histograms_) {
    header(name, "histogram");
    for (const auto& [labels, h] : series) {
      for (std::size_t i = 0; i < kBounds.size(); ++i) {
        out += name + "_bucket" + label_text(labels, "le=\"" + number(kBounds[i]) + "\"") + " " +
               std::to_string(h.buckets_[i]) + "\n";
      }
      out += name + "_bucket" + label_text(labels, "le=\"+Inf\"") + " " + std::to_string(h.count_) +
             "\n";
      out += name + "_sum" + label_text(labels) + " " + fmt::format("{}", h.sum_) + "\n";
      out += name + "_count" + label_text(labels) + " " + std::to_string(h.count_) + "\n";
    }
  }
  return out;
}

}  // namespace pactum::obs
