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
  std::string db;  // as written: ${ENV} is expanded only by resolveDb, when a command needs a database
  SourceLoc dbLoc; // where db: was written, for errors about it
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
// tether.yaml's db: with ${ENV} expanded. Throws Error naming the config file and line when a
// variable it uses is unset; "" when db: is not set.
std::string resolveDb(const Config &c);
// Replaces ${NAME} (and ${NAME:-default}) with the environment's value; an unset variable
// without a default is an error naming it.
std::string expandEnv(const std::string &text, const SourceLoc &where);

} // namespace tether
