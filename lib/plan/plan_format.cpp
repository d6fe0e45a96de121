#include "plan/plan_format.h"
#include "core/strings.h"

namespace tether {

namespace {
// A description may carry identifiers with newlines; a comment must stay on its line.
std::string commentLine(const std::string &text) {
  std::string s;
  for (char c : text)
    s += (c == '\n' || c == '\r') ? ' ' : c;
  return "-- " + s + "\n";
}

std::string terminated(const std::string &sql) {
  std::string s = trim(sql);
  if (s.empty() || s.back() == ';') return s;
  return s + ";";
}

std::string q(const std::string &s) {
  return "\"" + jsonEscape(s) + "\"";
}
} // namespace

std::string planToSql(const Plan &plan) {
  std::string out;
  int last = -2;
  for (const auto &step : plan.steps) {
    if (step.change != last && !step.description.empty()) out += commentLine(step.description);
    last = step.change;
    out += terminated(step.sql) + "\n";
    if (!step.transactional) out += "-- (runs outside the transaction)\n";
  }
  if (!plan.skipped.empty()) {
    if (!out.empty()) out += "\n";
    out += "-- skipped: destructive changes (pass --allow-destructive to plan them)\n";
    for (const auto &c : plan.skipped)
      out += commentLine("skipped: " + c.describe());
  }
  if (!plan.leftAlone.empty()) {
    if (!out.empty()) out += "\n";
    out += "-- left alone: objects tether does not model and the models do not list (never dropped)\n";
    for (const auto &u : plan.leftAlone)
      out += commentLine("left alone: " + u.kind + " " + u.name + (u.table.empty() ? "" : " on " + u.table));
  }
  return out;
}

std::string planToJson(const Plan &plan) {
  std::string out = "{\"dialect\": " + q(plan.dialect) + ", \"changes\": [";
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change &c = plan.changes[i];
    out += i ? ", " : "";
    out += "{\"kind\": " + q(changeKindName(c.kind)) + ", \"table\": " + q(c.table) +
           ", \"description\": " + q(c.describe()) +
           ", \"destructive\": " + (c.destructive ? "true" : "false") + ", \"sql\": [";
    bool first = true;
    for (const auto &s : plan.steps) {
      if (s.change != static_cast<int>(i)) continue;
      out += (first ? "" : ", ") + q(terminated(s.sql));
      first = false;
    }
    out += "]";
    if (c.origin.known()) out += ", \"origin\": " + q(c.origin.str());
    out += "}";
  }
  out += "], \"skipped\": [";
  for (size_t i = 0; i < plan.skipped.size(); ++i) {
    const Change &c = plan.skipped[i];
    out += i ? ", " : "";
    out += "{\"kind\": " + q(changeKindName(c.kind)) + ", \"table\": " + q(c.table) +
           ", \"description\": " + q(c.describe()) +
           ", \"reason\": \"destructive: pass --allow-destructive to plan it\"}";
  }
  out += "], \"left_alone\": [";
  for (size_t i = 0; i < plan.leftAlone.size(); ++i) {
    const UnmanagedObject &u = plan.leftAlone[i];
    out += i ? ", " : "";
    out += "{\"kind\": " + q(u.kind) + ", \"name\": " + q(u.name) + ", \"table\": " + q(u.table) + "}";
  }
  out += "], \"statements\": [";
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const SqlStep &s = plan.steps[i];
    out += i ? ", " : "";
    out += "{\"sql\": " + q(terminated(s.sql)) + ", \"description\": " + q(s.description) +
           ", \"change\": " + std::to_string(s.change) +
           ", \"transactional\": " + (s.transactional ? "true" : "false") + "}";
  }
  out += "]}\n";
  return out;
}

} // namespace tether
