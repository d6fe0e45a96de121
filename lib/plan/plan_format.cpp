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

} // namespace

std::string terminatedSql(const std::string &sql) {
  std::string s = trim(sql);
  if (s.empty() || s.back() == ';') return s;
  return s + ";";
}

std::string planToSql(const Plan &plan) {
  std::string out;
  int last = -2;
  for (const auto &step : plan.steps) {
    if (step.change != last && !step.description.empty()) out += commentLine(step.description);
    last = step.change;
    out += terminatedSql(step.sql) + "\n";
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

} // namespace tether
