#include "core/diagnostic.h"
#include <algorithm>
#include <fstream>
#include <map>
#include <tuple>

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
// Reads the one line a diagnostic points at; files are small and diagnostics few.
std::string sourceLine(const std::string &file, int line) {
  if (file.empty() || line <= 0) return {};
  std::ifstream in(file, std::ios::binary);
  std::string text;
  for (int i = 1; i <= line && std::getline(in, text); ++i) {
    if (i == line) {
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.size() > 200) text.resize(200);
      return text;
    }
  }
  return {};
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
