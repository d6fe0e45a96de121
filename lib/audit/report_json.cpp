#include "audit/report.h"
#include "core/strings.h"
#include <cstdio>

namespace tether {

namespace {
std::string str(const std::string &s) {
  return "\"" + jsonEscape(s) + "\"";
}
std::string list(const std::vector<std::string> &v) {
  std::vector<std::string> q;
  for (const auto &s : v)
    q.push_back(str(s));
  return "[" + join(q, ", ") + "]";
}
std::string num(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", d);
  return buf;
}
} // namespace

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

std::string renderAuditJson(const std::vector<Finding> &fs) {
  std::string out = "{\n  \"tool\": \"tether\", \"version\": \"" TETHER_VERSION "\",\n  \"findings\": [";
  for (size_t i = 0; i < fs.size(); ++i) {
    const Finding &f = fs[i];
    std::vector<std::string> kv;
    kv.push_back("\"check\": " + str(f.check));
    kv.push_back("\"severity\": " + str(severityName(f.severity)));
    if (!f.table.empty()) kv.push_back("\"table\": " + str(f.table));
    if (!f.columns.empty()) kv.push_back("\"columns\": " + list(f.columns));
    if (!f.refTable.empty())
      kv.push_back("\"references\": {\"table\": " + str(f.refTable) + ", \"columns\": " + list(f.refColumns) +
                   "}");
    if (f.count) kv.push_back("\"count\": " + std::to_string(*f.count));
    if (!f.relationship.empty()) kv.push_back("\"relationship\": " + str(f.relationship));
    if (f.occurrences) kv.push_back("\"occurrences\": " + std::to_string(*f.occurrences));
    if (f.sessions) kv.push_back("\"sessions\": " + std::to_string(*f.sessions));
    if (f.calls) kv.push_back("\"calls\": " + std::to_string(*f.calls));
    if (f.rows) kv.push_back("\"rows\": " + std::to_string(*f.rows));
    if (!f.parentFingerprint.empty())
      kv.push_back("\"parent\": {\"fingerprint\": " + str(f.parentFingerprint) +
                   ", \"calls\": " + std::to_string(f.parentCalls.value_or(0)) +
                   ", \"rows\": " + std::to_string(f.parentRows.value_or(0)) + "}");
    if (f.totalMs) kv.push_back("\"total_ms\": " + num(*f.totalMs));
    if (!f.fingerprint.empty()) kv.push_back("\"fingerprint\": " + str(f.fingerprint));
    if (!f.example.empty()) kv.push_back("\"example\": " + str(f.example));
    if (!f.suggestion.empty()) kv.push_back("\"suggestion\": " + str(f.suggestion));
    kv.push_back("\"message\": " + str(f.message));
    if (f.location.known()) {
      std::string loc = "\"location\": {\"file\": " + str(f.location.file);
      if (f.location.line) loc += ", \"line\": " + std::to_string(f.location.line);
      if (f.location.column) loc += ", \"column\": " + std::to_string(f.location.column);
      kv.push_back(loc + "}");
    }
    if (!f.examples.empty()) kv.push_back("\"examples\": " + list(f.examples));
    if (!f.fix.empty()) kv.push_back("\"fix\": " + str(f.fix));
    if (!f.limitation.empty()) kv.push_back("\"limitation\": " + str(f.limitation));
    if (f.timedOut) kv.push_back("\"timed_out\": true");
    out += (i ? ",\n    {" : "\n    {") + join(kv, ", ") + "}";
  }
  AuditSummary s = summarize(fs);
  out += std::string(fs.empty() ? "" : "\n  ") + "],\n  \"summary\": {\"error\": " + std::to_string(s.error) +
         ", \"warning\": " + std::to_string(s.warning) + ", \"info\": " + std::to_string(s.info) + "}\n}\n";
  return out;
}

} // namespace tether
