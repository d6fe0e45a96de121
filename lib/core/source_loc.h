#pragma once
#include <string>

namespace tether {

// Where something came from: a model file position, a log line, a migration statement.
// Lines and columns are 1-based; 0 means unknown.
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return !file.empty(); }
  std::string str() const {
    if (file.empty()) return "";
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (line > 0 && column > 0) s += ":" + std::to_string(column);
    return s;
  }
};

} // namespace tether
