#pragma once
#include <string>
#include <string_view>

namespace tether {

// The part of a PostgreSQL log message that matters for statements, whichever destination
// (stderr, csvlog, jsonlog) carried it.
struct PgMessage {
  enum class Kind {
    Statement,  // "statement: …", "execute <name>: …", with or without a leading duration
    Duration,   // "duration: X ms" alone: the time of the session's last statement
    Disconnect, // "disconnection: …"
    Plan,       // auto_explain's "duration: X ms  plan:" with the plan after it (text: the plan)
    Connect,    // "connection received: …": a new backend took this process id
    Other,      // errors, checkpoints, parse/bind steps, connection lines…
  };
  Kind kind = Kind::Other;
  double durationMs = -1;
  std::string_view text; // the statement
};

// Classifies the message text that follows "LOG:  ", in English or in any language PostgreSQL's
// catalogs translate it to ("Anweisung: …", "durée : 1.2 ms, instruction : …").
PgMessage classifyPgMessage(std::string_view message);

// Log severities PostgreSQL writes ("LOG", "DETAIL", "ERROR", …); true when `s` is one.
bool isPgSeverity(std::string_view s);
// The English severity for one PostgreSQL writes in English or in a translation of its server
// catalogs (lc_messages: "FEHLER" -> "ERROR", "СООБЩЕНИЕ" -> "LOG"); "" when `s` is none.
std::string_view canonicalPgSeverity(std::string_view s);

// "LOG:  " and friends at `at` of a stderr line, in English or as lc_messages translates them
// ("DÉTAIL:  ", "СООБЩЕНИЕ:  "): the English severity and where the message after it starts.
bool pgSeverityAt(std::string_view line, size_t at, std::string_view &severity, size_t &message);

// Applies a DETAIL line to a statement: "parameters: $1 = '5'" fills `params`; "prepare: PREPARE
// name(…) AS body" turns "EXECUTE name(args)" into the prepared body, with the arguments as params.
void applyPgDetail(std::string_view detail, std::string &text, std::string &params);

} // namespace tether
