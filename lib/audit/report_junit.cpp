#include "audit/report.h"
#include "core/strings.h"
#include <map>

namespace tether {

std::string renderAuditJunit(const std::vector<Finding> &fs, const std::vector<std::string> &checksRun) {
  std::map<std::string, std::vector<const Finding *>> byCheck;
  for (const auto &f : fs)
    byCheck[f.check].push_back(&f);
  for (const auto &c : checksRun)
    byCheck[c];
  int tests = 0, failures = 0;
  std::string body;
  for (const auto &[check, list] : byCheck) {
    int suiteFailures = 0;
    std::string cases;
    if (list.empty()) {
      cases += "    <testcase classname=\"tether." + xmlEscape(check) + "\" name=\"all objects\"/>\n";
      ++tests;
    }
    for (const Finding *f : list) {
      std::string object = f->relationship.empty()
                               ? f->table + (f->columns.empty() ? "" : "(" + join(f->columns, ", ") + ")")
                               : f->relationship;
      ++tests;
      cases +=
          "    <testcase classname=\"tether." + xmlEscape(check) + "\" name=\"" + xmlEscape(object) + "\"";
      if (f->location.known())
        cases +=
            " file=\"" + xmlEscape(f->location.file) + "\" line=\"" + std::to_string(f->location.line) + "\"";
      if (f->severity == Severity::Info) {
        cases += ">\n      <system-out>" + xmlEscape(f->message) + "</system-out>\n    </testcase>\n";
        continue;
      }
      ++failures;
      ++suiteFailures;
      cases += ">\n      <failure type=\"" + std::string(severityName(f->severity)) + "\" message=\"" +
               xmlEscape(f->message) + "\">" +
               xmlEscape(f->message + (f->fix.empty() ? "" : "\nFix: " + f->fix) +
                         (f->location.known() ? "\nAt: " + f->location.str() : "")) +
               "</failure>\n    </testcase>\n";
    }
    body += "  <testsuite name=\"tether." + xmlEscape(check) + "\" tests=\"" +
            std::to_string(list.empty() ? 1 : list.size()) + "\" failures=\"" +
            std::to_string(suiteFailures) + "\">\n" + cases + "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tether audit\" tests=\"" +
         std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\">\n" + body +
         "</testsuites>\n";
}

} // namespace tether
