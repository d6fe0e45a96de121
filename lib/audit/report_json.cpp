#include "audit/report.h"
#include "core/strings.h"
#include "json/json_text.h"

namespace tether {

AuditSummary summarize(const std::vector<Finding> &fs) {
  AuditSummary s;
  for (const auto &f : fs) {
    if (f.severity == Severity::Error)
      ++s.error;
    else if (f.severity == Severity::Warning)
      ++s.warning;
    else
      ++s.info;
  }
  return s;
}

std::string findingKey(const Finding &f) {
  std::string k = f.check + "|" + f.table + "|" + join(f.columns, ",");
  if (!f.refTable.empty()) k += "|" + f.refTable + "(" + join(f.refColumns, ",") + ")";
  if (!f.relationship.empty())
    k += "|" + f.relationship;
  else if (!f.fingerprint.empty())
    k += "|" + f.fingerprint;
  return k;
}

namespace {
Json findingJson(const Finding &f) {
  Json j;
  j["check"] = f.check;
  j["severity"] = severityName(f.severity);
  if (!f.table.empty()) j["table"] = f.table;
  if (!f.columns.empty()) j["columns"] = f.columns;
  if (!f.refTable.empty()) j["references"] = {{"table", f.refTable}, {"columns", f.refColumns}};
  if (f.count) j["count"] = *f.count;
  if (!f.relationship.empty()) j["relationship"] = f.relationship;
  if (f.occurrences) j["occurrences"] = *f.occurrences;
  if (f.sessions) j["sessions"] = *f.sessions;
  if (f.calls) j["calls"] = *f.calls;
  if (f.rows) j["rows"] = *f.rows;
  if (!f.parentFingerprint.empty())
    j["parent"] = {{"fingerprint", f.parentFingerprint},
                   {"calls", f.parentCalls.value_or(0)},
                   {"rows", f.parentRows.value_or(0)}};
  if (f.totalMs) j["total_ms"] = *f.totalMs;
  if (!f.fingerprint.empty()) j["fingerprint"] = f.fingerprint;
  if (!f.example.empty()) j["example"] = f.example;
  if (!f.suggestion.empty()) j["suggestion"] = f.suggestion;
  j["message"] = f.message;
  if (f.location.known()) {
    Json loc = {{"file", f.location.file}};
    if (f.location.line) loc["line"] = f.location.line;
    if (f.location.column) loc["column"] = f.location.column;
    j["location"] = std::move(loc);
  }
  if (!f.examples.empty()) j["examples"] = f.examples;
  if (!f.fix.empty()) j["fix"] = f.fix;
  if (!f.limitation.empty()) j["limitation"] = f.limitation;
  if (f.timedOut) j["timed_out"] = true;
  return j;
}
} // namespace

// The findings one a line between a header and a summary line, so a diff of two reports reads.
std::string renderAuditJson(const std::vector<Finding> &fs) {
  Json head = {{"tool", "tether"}, {"version", TETHER_VERSION}};
  std::string out = "{\n  " + jsonMembers(head) + ",\n  \"findings\": [";
  for (size_t i = 0; i < fs.size(); ++i)
    out += (i ? ",\n    " : "\n    ") + jsonLine(findingJson(fs[i]));
  AuditSummary s = summarize(fs);
  Json summary = {{"error", s.error}, {"warning", s.warning}, {"info", s.info}};
  return out + (fs.empty() ? "" : "\n  ") + "],\n  \"summary\": " + jsonLine(summary) + "\n}\n";
}

} // namespace tether
