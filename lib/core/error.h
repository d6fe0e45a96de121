#pragma once
#include "core/source_loc.h"
#include <stdexcept>
#include <string>

namespace tether {

// Exit codes of the CLI contract.
enum ExitCode { kExitOk = 0, kExitFound = 1, kExitFailed = 2 };

// What went wrong, set where it is known so callers decide by kind, never by message text.
enum class ErrorKind {
  Failed,      // anything not told apart below
  Usage,       // bad flags or arguments
  Syntax,      // input that does not parse: YAML, SQL, a log, a URL
  Io,          // a file that cannot be read or written
  Connection,  // the database cannot be reached, or the connection was lost
  Timeout,     // a statement or lock timeout, or an interrupt
  Conflict,    // the database refused because of its data or a concurrent change
  Unsupported, // a construct tether does not handle (yet)
  Database,    // the database rejected a statement for another reason
};

// The exit code the CLI contract gives an error. Every kind is a failure to do the job (2) today;
// the mapping lives here so a kind can change that in one place.
inline int exitCodeFor(ErrorKind) {
  return 2;
}

// A failure that stops a command (exit 2): unreadable input, unreachable database, failed SQL.
// Carries where it came from, what kind of failure it is and, optionally, what to do about it.
class Error : public std::runtime_error {
public:
  explicit Error(std::string message, SourceLoc where = {}, std::string hint = {},
                 ErrorKind kind = ErrorKind::Failed)
      : std::runtime_error(std::move(message)), where_(std::move(where)), hint_(std::move(hint)),
        kind_(kind) {}
  const SourceLoc &where() const { return where_; }
  const std::string &hint() const { return hint_; }
  ErrorKind kind() const { return kind_; }
  int exitCode() const { return exitCodeFor(kind_); }

private:
  SourceLoc where_;
  std::string hint_;
  ErrorKind kind_;
};

} // namespace tether
