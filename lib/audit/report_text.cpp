#include "audit/report.h"
#include "core/strings.h"
#include <map>

namespace tether {

std::string renderAuditText(const std::vector<Finding> &fs, bool color) {
  auto paint = [&](const char *code, const std::string &s) {
    return color ? std::string(code) + s + "\033[0m" : s;
  };
  std::map<std::string, std::vector<const Finding *>> byCheck;
  for (const auto &f : fs)
    byCheck[f.check].push_back(&f);
  std::string out;
  for (const auto &[check, list] : byCheck) {
    out +=
        paint("\033[1m", check) + " (" + std::to_string(list.size()) + "): " + checkDescription(check) + "\n";
    for (const Finding *f : list) {
      const char *sevColor = f->severity == Severity::Error     ? "\033[1;31m"
                             : f->severity == Severity::Warning ? "\033[1;35m"
                                                                : "\033[1;36m";
      out += "  " + paint(sevColor, severityName(f->severity)) + ": " + f->message + "\n";
      if (f->location.known()) out += "    at " + f->location.str() + "\n";
      if (!f->suggestion.empty()) out += "    use: " + f->suggestion + "\n";
      if (!f->fix.empty()) out += "    fix: " + f->fix + "\n";
      if (!f->limitation.empty()) out += "    note: " + f->limitation + "\n";
    }
    out += "\n";
  }
  AuditSummary s = summarize(fs);
  out += fs.empty() ? "no findings\n"
                    : std::to_string(s.error) + " error(s), " + std::to_string(s.warning) + " warning(s), " +
                          std::to_string(s.info) + " info\n";
  return out;
}

} // namespace tether
