#pragma once
#include "core/source_loc.h"
#include <stdexcept>
#include <string>

namespace tether {

// Exit codes of the CLI contract.
enum ExitCode { kExitOk = 0, kExitFound = 1, kExitFailed = 2 };

// A failure that stops a command (exit 2): unreadable input, unreachable database, failed SQL.
// Carries where it came from and, optionally, what to do about it.
class Error : public std::runtime_error {
public:
  explicit Error(std::string message, SourceLoc where = {}, std::string hint = {})
      : std::runtime_error(std::move(message)), where_(std::move(where)), hint_(std::move(hint)) {}
  const SourceLoc &where() const { return where_; }
  const std::string &hint() const { return hint_; }

private:
  SourceLoc where_;
  std::string hint_;
};

} // namespace tether
