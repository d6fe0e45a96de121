#include "json/diagnostics_json.h"
#include "json/json_text.h"

namespace tether {

std::string diagnosticsJson(const Diagnostics &diags) {
  Json head = {{"tool", "tether"}, {"version", TETHER_VERSION}};
  std::string out = "{" + jsonMembers(head) + ", \"diagnostics\": [";
  bool first = true;
  for (const auto &d : diags.all()) {
    Json item = {{"severity", severityName(d.severity)},
                 {"code", d.code},
                 {"message", d.message},
                 {"hint", d.hint},
                 {"location", {{"file", d.where.file}, {"line", d.where.line}, {"column", d.where.column}}}};
    out += (first ? "\n  " : ",\n  ") + jsonLine(item);
    first = false;
  }
  Json summary = {{"error", diags.errorCount()}, {"warning", diags.warningCount()}};
  return out + "\n], \"summary\": " + jsonLine(summary) + "}\n";
}

} // namespace tether
