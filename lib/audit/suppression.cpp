#include "audit/suppression.h"
#include "audit/report.h"
#include "core/error.h"
#include "core/safe_file.h"
#include <algorithm>
#include <fstream>
#include <set>

namespace tether {

std::vector<Finding> applyIgnoreRules(std::vector<Finding> fs, const std::vector<IgnoreRule> &rules) {
  auto ignored = [&](const Finding &f) {
    for (const auto &r : rules) {
      if (r.check != f.check && r.check != "*") continue;
      if (!r.table.empty() && r.table != f.table) continue;
      if (!r.column.empty() && std::find(f.columns.begin(), f.columns.end(), r.column) == f.columns.end())
        continue;
      return true;
    }
    return false;
  };
  fs.erase(std::remove_if(fs.begin(), fs.end(), ignored), fs.end());
  return fs;
}

void writeBaseline(const std::string &path, const std::vector<Finding> &fs) {
  std::set<std::string> keys;
  for (const auto &f : fs)
    keys.insert(findingKey(f));
  std::string text =
      "# tether audit baseline: accepted findings, one key a line. Regenerate with --write-baseline.\n";
  for (const auto &k : keys)
    text += k + "\n";
  writeFileAtomically(path, text);
}

std::vector<Finding> subtractBaseline(std::vector<Finding> fs, const std::string &path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read baseline file " + path, {}, "create one with --write-baseline " + path);
  std::set<std::string> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    keys.insert(line);
  }
  fs.erase(
      std::remove_if(fs.begin(), fs.end(), [&](const Finding &f) { return keys.count(findingKey(f)) > 0; }),
      fs.end());
  return fs;
}

} // namespace tether
