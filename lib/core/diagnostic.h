#pragma once
#include "core/source_loc.h"
#include <string>
#include <vector>

namespace tether {

enum class Severity { Error, Warning, Info };
const char *severityName(Severity s);

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLoc where;
  std::string message;
  std::string hint;
  std::string code; // stable identifier, e.g. "unknown-key"
};

// Collects every problem found, so a run reports them all instead of stopping at the first.
class Diagnostics {
public:
  void error(const SourceLoc &at, std::string code, std::string message, std::string hint = {});
  void warning(const SourceLoc &at, std::string code, std::string message, std::string hint = {});
  // A remark that is neither a problem nor blocking (e.g. a constraint the database folds away).
  void info(const SourceLoc &at, std::string code, std::string message, std::string hint = {});
  // Input that could not be read or parsed at all: the command cannot do its job (exit 2).
  void fatal(const SourceLoc &at, std::string code, std::string message, std::string hint = {});

  const std::vector<Diagnostic> &all() const { return items_; }
  size_t errorCount() const;
  size_t warningCount() const;
  bool hasErrors() const { return errorCount() > 0; }
  bool unreadable() const { return unreadable_; }
  void sortByLocation();

private:
  std::vector<Diagnostic> items_;
  bool unreadable_ = false;
};

// `file:line:col: error: message`, then the source line with a caret under the column, then the hint.
std::string formatDiagnostic(const Diagnostic &d, bool color, bool showSource = true);

} // namespace tether
