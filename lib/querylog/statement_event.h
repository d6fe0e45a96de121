#pragma once
#include <string_view>

namespace tether {

// One thing a query log says happened in a session. The views point into the reader's buffers and
// are valid only during the callback: a sink copies what it keeps.
struct StatementEvent {
  enum class Kind {
    Statement,    // a statement was executed
    Duration,     // a lone "duration: X ms" for the session's last statement
    SessionEnd,   // the session disconnected
    SessionStart, // a new connection was received under this session key (a process id)
  };
  Kind kind = Kind::Statement;
  std::string_view session; // process or session id; "" when the format has none (one stream)
  double timestampMs = -1;  // milliseconds since the epoch, < 0 when not logged
  double durationMs = -1;   // < 0 when not logged
  std::string_view text;    // the statement as the database ran it
  std::string_view params;  // the bound values as logged ("$1 = '5'", "{'pk_1': 3}", "(7)"), may be ""
  std::string_view file;
  long line = 0;         // 1-based line where the statement starts
  bool fromPlan = false; // read from an auto_explain plan: may repeat a statement logged before it
};

class StatementSink {
public:
  virtual ~StatementSink() = default;
  virtual void onEvent(const StatementEvent &e) = 0;
};

} // namespace tether
