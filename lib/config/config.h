#pragma once
#include "core/source_loc.h"
#include <optional>
#include <string>
#include <vector>

namespace tether {

// An accepted audit finding: silenced by check and table (and column), with the reason why.
struct IgnoreRule {
  std::string check;
  std::string table;  // empty: any
  std::string column; // empty: any
  std::string reason;
  SourceLoc loc;
};

// tether.yaml: project settings, each overridable by a command-line flag.
struct Config {
  std::string file; // where it was read from, empty if none
  std::string models;
  std::string migrations;
  std::string db; // ${ENV} already expanded
  std::string schema;
  int nplusoneThreshold = 0; // 0: built-in default
  double idleGapSeconds = 0;
  std::vector<IgnoreRule> ignore;
  std::vector<std::string> lintIgnore; // rule names silenced for migrate lint
  std::vector<std::string> lintEnable; // opt-in rule sets for migrate lint: "style"
};

// Reads `path`, or ./tether.yaml when path is empty and that file exists. Throws Error (exit 2)
// on a malformed file, naming file:line:column.
Config loadConfig(const std::string &path);
// Replaces ${NAME} (and ${NAME:-default}) with the environment's value; an unset variable
// without a default is an error naming it.
std::string expandEnv(const std::string &text, const SourceLoc &where);

} // namespace tether
