#include "core/diagnostic.h"
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

namespace tether {

const char *severityName(Severity s) {
  switch (s) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Info:
    return "info";
  }
  return "error";
}

void Diagnostics::error(const SourceLoc &at, std::string code, std::string message, std::string hint) {
  items_.push_back({Severity::Error, at, std::move(message), std::move(hint), std::move(code)});
}
void Diagnostics::warning(const SourceLoc &at, std::string code, std::string message, std::string hint) {
  items_.push_back({Severity::Warning, at, std::move(message), std::move(hint), std::move(code)});
}
void Diagnostics::info(const SourceLoc &at, std::string code, std::string message, std::string hint) {
  items_.push_back({Severity::Info, at, std::move(message), std::move(hint), std::move(code)});
}
void Diagnostics::fatal(const SourceLoc &at, std::string code, std::string message, std::string hint) {
  unreadable_ = true;
  error(at, std::move(code), std::move(message), std::move(hint));
}

size_t Diagnostics::errorCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}
size_t Diagnostics::warningCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Warning; });
}

void Diagnostics::sortByLocation() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic &a, const Diagnostic &b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
}

namespace {
// The line a diagnostic points at. The file is read once and its lines kept while diagnostics
// about it are printed: a generated model can carry thousands of them, and reading the file anew
// for each made printing them quadratic.
std::string sourceLine(const std::string &file, int line) {
  static std::mutex lock;
  static std::string cachedFile;
  static std::filesystem::file_time_type cachedTime;
  static std::vector<std::string> lines;
  if (file.empty() || line <= 0) return {};
  std::error_code ec;
  const auto modified = std::filesystem::last_write_time(file, ec);
  std::lock_guard<std::mutex> guard(lock);
  if (file != cachedFile || modified != cachedTime) { // a file rewritten since is read again
    lines.clear();
    std::ifstream in(file, std::ios::binary);
    std::string text;
    while (std::getline(in, text))
      lines.push_back(std::move(text));
    cachedFile = file;
    cachedTime = modified;
  }
  if (static_cast<size_t>(line) > lines.size()) return {};
  std::string text = lines[static_cast<size_t>(line) - 1];
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.size() > 200) text.resize(200);
  return text;
}
} // namespace

std::string formatDiagnostic(const Diagnostic &d, bool color, bool showSource) {
  const char *bold = color ? "\033[1m" : "";
  const char *reset = color ? "\033[0m" : "";
  const char *sevColor = !color ? "" : d.severity == Severity::Error ? "\033[1;31m" : "\033[1;35m";
  std::string out;
  if (d.where.known()) out += std::string(bold) + d.where.str() + ": " + reset;
  out += std::string(sevColor) + severityName(d.severity) + ":" + reset + " " + d.message + "\n";
  if (showSource) {
    std::string src = sourceLine(d.where.file, d.where.line);
    bool printable = std::all_of(src.begin(), src.end(),
                                 [](char c) { return c == '\t' || static_cast<unsigned char>(c) >= 0x20; });
    if (!src.empty() && printable) {
      out += "  " + src + "\n";
      std::string caret = "  ";
      for (int i = 1; i < d.where.column && i <= static_cast<int>(src.size()); ++i)
        caret += src[i - 1] == '\t' ? '\t' : ' ';
      out += caret + "^\n";
    }
  }
  if (!d.hint.empty()) out += "  hint: " + d.hint + "\n";
  return out;
}

} // namespace tether
