#include "querylog/postgres_message.h"
#include <cstdlib>
#include <cstring>

namespace tether {

namespace {
bool startsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool istartsWith(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if ((s[i] | 0x20) != (p[i] | 0x20)) return false;
  return true;
}

// "execute <unnamed>: SELECT …" / "execute S_1/C_2: …" / "execute fetch from S_1/C_2: …"
bool executeText(std::string_view m, std::string_view &text) {
  if (!startsWith(m, "execute ")) return false;
  size_t colon = m.find(": ", 8);
  if (colon == std::string_view::npos) return false;
  text = m.substr(colon + 2);
  return true;
}

double parseMs(std::string_view s, size_t &used) {
  char buf[32];
  size_t n = 0;
  while (n < s.size() && n < sizeof buf - 1 && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')) {
    buf[n] = s[n];
    ++n;
  }
  buf[n] = '\0';
  used = n;
  return n ? std::strtod(buf, nullptr) : -1;
}
} // namespace

PgMessage classifyPgMessage(std::string_view m) {
  PgMessage r;
  if (startsWith(m, "statement: ")) {
    r.kind = PgMessage::Kind::Statement;
    r.text = m.substr(11);
    return r;
  }
  if (executeText(m, r.text)) {
    r.kind = PgMessage::Kind::Statement;
    return r;
  }
  if (startsWith(m, "duration: ")) {
    size_t used = 0;
    double ms = parseMs(m.substr(10), used);
    if (ms < 0) return r;
    std::string_view rest = m.substr(10 + used);
    if (!startsWith(rest, " ms")) return r;
    rest.remove_prefix(3);
    r.durationMs = ms;
    if (rest.empty()) {
      r.kind = PgMessage::Kind::Duration;
      return r;
    }
    while (!rest.empty() && rest.front() == ' ')
      rest.remove_prefix(1);
    if (startsWith(rest, "statement: ")) {
      r.kind = PgMessage::Kind::Statement;
      r.text = rest.substr(11);
    } else if (executeText(rest, r.text)) {
      r.kind = PgMessage::Kind::Statement;
    } // parse and bind steps of the extended protocol are not executions
    return r;
  }
  if (startsWith(m, "disconnection: ")) r.kind = PgMessage::Kind::Disconnect;
  return r;
}

bool isPgSeverity(std::string_view s) {
  static const char *const kLevels[] = {
      "LOG",  "DETAIL", "ERROR",    "STATEMENT", "HINT",   "CONTEXT", "WARNING", "FATAL",  "PANIC", "NOTICE",
      "INFO", "QUERY",  "LOCATION", "DEBUG",     "DEBUG1", "DEBUG2",  "DEBUG3",  "DEBUG4", "DEBUG5"};
  for (const char *l : kLevels)
    if (s == l) return true;
  return false;
}

void applyPgDetail(std::string_view detail, std::string &text, std::string &params) {
  if (startsWith(detail, "parameters: ")) {
    params.assign(detail.data() + 12, detail.size() - 12);
    return;
  }
  if (!startsWith(detail, "prepare: ")) return;
  std::string_view prepare = detail.substr(9);
  if (!istartsWith(text, "execute ") || !istartsWith(prepare, "prepare ")) return;
  // The body follows the first " AS " after the statement's name and parameter types.
  size_t as = std::string_view::npos;
  for (size_t i = 8; i + 4 <= prepare.size(); ++i) {
    if ((prepare[i] == ' ' || prepare[i] == ')' || prepare[i] == '\n') &&
        istartsWith(prepare.substr(i + 1), "as") && i + 3 < prepare.size() &&
        (prepare[i + 3] == ' ' || prepare[i + 3] == '\n' || prepare[i + 3] == '\t')) {
      as = i + 4;
      break;
    }
  }
  if (as == std::string_view::npos) return;
  size_t open = text.find('(');
  params = open == std::string::npos ? std::string() : text.substr(open);
  text.assign(prepare.data() + as, prepare.size() - as);
}

} // namespace tether
