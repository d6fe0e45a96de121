#include "audit/report.h"
#include "core/strings.h"
#include "json/json_text.h"
#include <cctype>
#include <map>
#include <set>

namespace tether {

namespace {
std::map<std::string, std::string> &extraDescriptions() {
  static std::map<std::string, std::string> m;
  return m;
}
} // namespace

void registerCheckDescription(const std::string &check, const std::string &description) {
  extraDescriptions()[check] = description;
}

const char *checkDescription(const std::string &check) {
  if (check == "orphan_rows") return "Rows whose foreign key values match no parent row";
  if (check == "unindexed_foreign_key") return "Foreign key without an index on its columns";
  if (check == "missing_foreign_key") return "Foreign key declared in the models but missing in the database";
  if (check == "missing_unique")
    return "Unique constraint declared in the models but missing in the database";
  if (check == "redundant_index") return "Index already covered by another index or key";
  if (check == "table_without_primary_key") return "Table without a primary key";
  if (check == "missing_table") return "Table in the models but not in the database";
  if (check == "missing_column") return "Column in the models but not in the database";
  if (check == "column_mismatch") return "Column type, nullability or default differs from the models";
  if (check == "unexpected_table") return "Table in the database but not in the models";
  if (check == "unexpected_column") return "Column in the database but not in the models";
  if (check == "n_plus_one") return "Query repeated once per row of an earlier query (N+1)";
  auto extra = extraDescriptions().find(check);
  if (extra != extraDescriptions().end()) return extra->second.c_str();
  return "tether finding";
}

namespace {
// A SARIF artifact URI: relative paths stay relative (GitHub resolves them against the checkout),
// absolute ones become file:// URIs, and anything outside RFC 3986's unreserved set is escaped.
std::string fileUri(const std::string &path) {
  static const char *hex = "0123456789ABCDEF";
  std::string r = path.rfind('/', 0) == 0 ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      r += static_cast<char>(c);
    } else {
      r += '%';
      r += hex[c >> 4];
      r += hex[c & 15];
    }
  }
  return r;
}
const char *level(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}
} // namespace

// Laid out one rule and one result a line, as before the layout moved onto nlohmann-json.
std::string renderAuditSarif(const std::vector<Finding> &fs, const std::string &fallbackFile) {
  std::set<std::string> checks;
  for (const auto &f : fs)
    checks.insert(f.check);
  std::vector<std::string> rules;
  for (const auto &c : checks) {
    Severity sev = Severity::Warning;
    for (const auto &f : fs)
      if (f.check == c) sev = f.severity;
    Json rule = {{"id", c},
                 {"name", c},
                 {"shortDescription", {{"text", checkDescription(c)}}},
                 {"defaultConfiguration", {{"level", level(sev)}}}};
    rules.push_back(jsonLine(rule));
  }
  std::vector<std::string> results;
  for (const auto &f : fs) {
    std::string logical = f.relationship.empty()
                              ? f.table + (f.columns.empty() ? "" : "." + join(f.columns, ","))
                              : f.relationship;
    const std::string &file = f.location.known() ? f.location.file : fallbackFile;
    Json region = {{"startLine", f.location.line > 0 ? f.location.line : 1}};
    if (f.location.line > 0 && f.location.column > 0) region["startColumn"] = f.location.column;
    Json physical = {{"artifactLocation", {{"uri", fileUri(file)}}}, {"region", std::move(region)}};
    Json logicalLocation = {{"name", logical}, {"kind", f.relationship.empty() ? "table" : "member"}};
    Json result;
    result["ruleId"] = f.check;
    result["level"] = level(f.severity);
    result["message"] = {{"text", f.message + (f.fix.empty() ? "" : "\nFix: " + f.fix)}};
    Json location;
    location["physicalLocation"] = std::move(physical);
    location["logicalLocations"] = Json::array();
    location["logicalLocations"].push_back(std::move(logicalLocation));
    result["locations"] = Json::array();
    result["locations"].push_back(std::move(location));
    result["partialFingerprints"] = {{"tetherFindingKey/v1", findingKey(f)}};
    results.push_back(jsonLine(result));
  }
  Json driver = {
      {"name", "tether"}, {"version", TETHER_VERSION}, {"informationUri", "https://example.invalid/tether"}};
  std::string out = "{\n  " + jsonMembers({{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}}) +
                    ",\n  " + jsonMembers({{"version", "2.1.0"}});
  return out + ",\n  \"runs\": [{\n    \"tool\": {\"driver\": {" + jsonMembers(driver) +
         ", \"rules\": [\n      " + join(rules, ",\n      ") + "]}},\n    \"results\": [\n      " +
         join(results, ",\n      ") + "]\n  }]\n}\n";
}

} // namespace tether
