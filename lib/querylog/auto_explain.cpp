#include "querylog/auto_explain.h"
#include <nlohmann/json.hpp>

namespace tether {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The text format: "Query Text: <sql>" whose lines run on until the plan's first node, which is
// the first line with a cost ("Seq Scan on users  (cost=0.00..10.80 rows=80 width=938)") or,
// without costs, the line after an empty one; a plan without either keeps the first line only.
bool fromText(std::string_view plan, std::string &text) {
  constexpr std::string_view kTag = "Query Text: ";
  if (plan.compare(0, kTag.size(), kTag) != 0) return false;
  std::string_view rest = plan.substr(kTag.size());
  size_t end = std::string_view::npos;
  for (size_t at = rest.find('\n'); at != std::string_view::npos; at = rest.find('\n', at + 1)) {
    size_t next = rest.find('\n', at + 1);
    std::string_view line = rest.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
    if (trim(line).empty() || line.find("  (cost=") != std::string_view::npos ||
        line.find("  (actual time=") != std::string_view::npos) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) end = rest.find('\n');
  std::string_view sql = trim(rest.substr(0, end));
  if (sql.empty()) return false;
  text.assign(sql.data(), sql.size());
  return true;
}
} // namespace

bool autoExplainQueryText(std::string_view plan, std::string &text) {
  plan = trim(plan);
  if (plan.empty()) return false;
  if (plan.front() != '{') return fromText(plan, text);
  nlohmann::json j = nlohmann::json::parse(plan.begin(), plan.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto it = j.find("Query Text");
  if (it == j.end() || !it->is_string()) return false;
  std::string_view sql = trim(it->get_ref<const std::string &>());
  if (sql.empty()) return false;
  text.assign(sql.data(), sql.size());
  return true;
}

} // namespace tether
