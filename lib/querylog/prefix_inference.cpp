#include "querylog/prefix_inference.h"
#include "querylog/postgres_message.h"
#include "querylog/timestamp.h"
#include <algorithm>
#include <map>

namespace tether {

namespace {
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool isAlpha(char c) {
  return isUpper(c) || (c >= 'a' && c <= 'z');
}
bool isHexLower(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f');
}
bool isKeyChar(char c) {
  return isAlpha(c) || isDigit(c) || c == '_';
}
// Characters that end a field PostgreSQL writes; they are the prefix's own literals.
bool isSeparator(char c) {
  switch (c) {
  case ' ':
  case '\t':
  case ',':
  case ';':
  case ':':
  case '[':
  case ']':
  case '(':
  case ')':
  case '{':
  case '}':
  case '|':
  case '"':
  case '\'':
  case '=':
  case '@':
  case '<':
  case '>':
    return true;
  default:
    return false;
  }
}

size_t digitsAt(std::string_view p, size_t i) {
  size_t j = i;
  while (j < p.size() && isDigit(p[j]))
    ++j;
  return j - i;
}

// A timestamp %t/%m (with the zone PostgreSQL appends: "UTC", "CEST", "+03", "-05:30") at `i`.
bool timestampAt(std::string_view p, size_t i, size_t &n, bool &millis) {
  size_t used = 0;
  if (parseTimestampMs(p.substr(i), used) < 0) return false;
  millis = used > 19;
  size_t j = i + used;
  if (j + 1 < p.size() && p[j] == ' ') {
    size_t k = j + 1;
    if (isUpper(p[k])) {
      while (k < p.size() && isUpper(p[k]))
        ++k;
      if (k == p.size() || !isAlpha(p[k])) j = k;
    } else if (p[k] == '+' || p[k] == '-') {
      ++k;
      size_t d = digitsAt(p, k);
      if (d > 0) {
        k += d;
        while (k < p.size() && (isDigit(p[k]) || p[k] == ':'))
          ++k;
        j = k;
      }
    }
  }
  n = j - i;
  return true;
}

// %n: seconds since the epoch with milliseconds, "1714557600.123".
bool epochAt(std::string_view p, size_t i, size_t &n) {
  size_t d = digitsAt(p, i);
  if (d < 9 || d > 11 || i + d >= p.size() || p[i + d] != '.') return false;
  size_t f = digitsAt(p, i + d + 1);
  if (f == 0) return false;
  n = d + 1 + f;
  return i + n == p.size() || isSeparator(p[i + n]) || p[i + n] == '-';
}

// %c: the session id PostgreSQL prints as hex start time "." hex pid, "6631f2a0.1a2b".
bool sessionIdAt(std::string_view p, size_t i, size_t &n) {
  size_t j = i;
  while (j < p.size() && isHexLower(p[j]))
    ++j;
  if (j - i < 6 || j >= p.size() || p[j] != '.') return false;
  size_t k = j + 1;
  while (k < p.size() && isHexLower(p[k]))
    ++k;
  if (k == j + 1 || (k < p.size() && (isKeyChar(p[k]) || p[k] == '.'))) return false;
  n = k - i;
  return true;
}

// %h (an address, "[local]") or %r (with "(port)").
bool hostAt(std::string_view p, size_t i, size_t &n, bool &withPort) {
  size_t j = i;
  if (p.compare(i, 7, "[local]") == 0) {
    j = i + 7;
  } else {
    int dots = 0, colons = 0;
    while (j < p.size() && (isDigit(p[j]) || p[j] == '.' || p[j] == ':' || (p[j] >= 'a' && p[j] <= 'f'))) {
      dots += p[j] == '.';
      colons += p[j] == ':';
      ++j;
    }
    bool v4 = dots == 3 && colons == 0;
    if (!v4 && colons < 2) return false;
    if (j < p.size() && isKeyChar(p[j])) return false;
  }
  withPort = false;
  if (j < p.size() && p[j] == '(') {
    size_t d = digitsAt(p, j + 1);
    if (d > 0 && j + 1 + d < p.size() && p[j + 1 + d] == ')') {
      j += d + 2;
      withPort = true;
    }
  }
  n = j - i;
  return true;
}

// "10:00:00" (with a fraction or not): syslog's time, which no escape writes alone.
size_t timeOfDayAt(std::string_view p, size_t i) {
  if (i + 8 > p.size() || digitsAt(p, i) != 2 || p[i + 2] != ':' || digitsAt(p, i + 3) != 2 ||
      p[i + 5] != ':' || digitsAt(p, i + 6) != 2)
    return 0;
  size_t n = 8;
  if (i + n < p.size() && p[i + n] == '.') n += 1 + digitsAt(p, i + n + 1);
  return n;
}

// %e: a SQLSTATE, five digits or capitals ("00000", "42P01"), once the process is known (before,
// five digits are a process id).
bool sqlStateAt(std::string_view p, size_t i) {
  if (i + 5 > p.size() || (i + 5 < p.size() && !isSeparator(p[i + 5]))) return false;
  for (size_t j = i; j < i + 5; ++j)
    if (!isDigit(p[j]) && !isUpper(p[j])) return false;
  return true;
}

// A free-text value as %u, %d or %a write it: "[unknown]", or up to a separator.
size_t valueRun(std::string_view p, size_t i) {
  if (p.compare(i, 9, "[unknown]") == 0) return 9;
  size_t j = i;
  while (j < p.size() && !isSeparator(p[j]))
    ++j;
  return j - i;
}

// The escape a `key=value` pair's key names, from the keys seen in production prefixes (pgBadger's
// user=,db=,app=,client=; Cloud SQL's db=,user=; Heroku's sql_error_code = …, pid="…", …).
char escapeForKey(std::string_view key, std::string_view value) {
  std::string k;
  for (char c : key)
    k += static_cast<char>(isUpper(c) ? c - 'A' + 'a' : c);
  auto any = [&](std::initializer_list<const char *> names) {
    for (const char *n : names)
      if (k == n) return true;
    return false;
  };
  bool digits = !value.empty() && digitsAt(value, 0) == value.size();
  size_t n = 0;
  bool millis = false;
  if (any({"pid", "process", "process_id", "procpid"})) return digits ? 'p' : 'a';
  if (any({"session", "session_id", "sessionid", "sid", "sess"})) return sessionIdAt(value, 0, n) ? 'c' : 'a';
  if (any({"line", "log_line", "line_num", "lineno", "line_number"})) return 'l';
  if (any({"time", "time_ms", "timestamp", "ts", "log_time", "when"}))
    return timestampAt(value, 0, n, millis) && n == value.size() ? (millis ? 'm' : 't') : 'a';
  if (any({"proc_start_time", "session_start", "start", "backend_start"}))
    return timestampAt(value, 0, n, millis) && n == value.size() ? 's' : 'a';
  if (any({"user", "usr", "username", "user_name", "role", "usename"})) return 'u';
  if (any({"db", "database", "dbname", "datname"})) return 'd';
  if (any({"app", "application", "application_name", "appname"})) return 'a';
  if (any({"client", "host", "remote", "remote_host", "client_addr", "connection_source", "ip", "addr"}))
    return value.find('(') != std::string_view::npos ? 'r' : 'h';
  if (any({"sql_error_code", "sqlstate", "error_code", "errcode", "code", "err"})) return 'e';
  if (any({"vtid", "vxid", "virtual_xid", "virtual_transaction"})) return 'v';
  if (any({"tid", "xid", "txid", "transaction"})) return digits ? 'x' : 'a';
  if (any({"tag", "command", "cmd", "command_tag"})) return 'i';
  if (any({"backend_type", "backend"})) return 'b';
  return 'a';
}

class SpecBuilder {
public:
  void literal(char c) {
    if (c == '%') spec_ += '%';
    spec_ += c;
    last_ = 0;
  }
  void literal(std::string_view s) {
    for (char c : s)
      literal(c);
  }
  void escape(char e) {
    spec_ += '%';
    spec_ += e;
    if (e == 'p' || e == 'c') haveProcess_ = true;
    last_ = e;
  }
  bool haveProcess() const { return haveProcess_; }
  // "[%l-1]" (pgBadger's recommendation): the "1" after "%l-" is a literal.
  bool afterLineDash() const { return spec_.size() >= 3 && spec_.compare(spec_.size() - 3, 3, "%l-") == 0; }
  const std::string &spec() const { return spec_; }

private:
  std::string spec_;
  char last_ = 0;
  bool haveProcess_ = false;
};

// `key=value`, `key = value`, `key="value"` at `i`: appends the key as a literal and the value's
// escape; returns false when there is no such pair there.
bool keyValueAt(std::string_view p, size_t &i, SpecBuilder &b) {
  size_t k = i;
  while (k < p.size() && isKeyChar(p[k]))
    ++k;
  if (k == i || !isAlpha(p[i])) return false;
  size_t eq = k;
  while (eq < p.size() && p[eq] == ' ')
    ++eq;
  if (eq >= p.size() || p[eq] != '=') return false;
  size_t v = eq + 1;
  if (eq > k) // "key = value": as many spaces after "=" as before
    while (v < p.size() && p[v] == ' ')
      ++v;
  char quote = v < p.size() && (p[v] == '"' || p[v] == '\'') ? p[v] : 0;
  if (quote) ++v;
  size_t end = v;
  if (quote) {
    while (end < p.size() && p[end] != quote)
      ++end;
    if (end >= p.size()) return false;
  } else {
    int depth = 0; // "[local]", "host(port)"
    while (end < p.size()) {
      char c = p[end];
      if (c == '(' || c == '[') ++depth;
      if ((c == ')' || c == ']') && depth-- == 0) break;
      if (c == ' ' || c == ',' || c == ';' || c == '|') break;
      ++end;
    }
  }
  if (!quote) {
    // The last field may hold spaces (application_name "PostgreSQL JDBC Driver"): when only words
    // and spaces follow up to the severity, they are the value's.
    size_t last = p.find_last_not_of(' ');
    bool words = last != std::string_view::npos && last >= end;
    for (size_t j = end; words && j <= last; ++j)
      words = p[j] == ' ' || isKeyChar(p[j]) || static_cast<unsigned char>(p[j]) >= 0x80 || p[j] == '.' ||
              p[j] == '-';
    if (words && end < p.size() && p[end] == ' ') end = last + 1;
  }
  b.literal(p.substr(i, v - i));
  b.escape(escapeForKey(p.substr(i, k - i), p.substr(v, end - v)));
  i = end; // a closing quote is the next literal
  return true;
}

std::string inferOne(std::string_view p) {
  SpecBuilder b;
  size_t i = 0;
  while (i < p.size()) {
    size_t n = 0;
    bool flag = false;
    char c = p[i];
    if (isDigit(c) && timestampAt(p, i, n, flag)) {
      b.escape(flag ? 'm' : 't');
    } else if (isDigit(c) && epochAt(p, i, n)) {
      b.escape('n');
    } else if ((isDigit(c) || c == ':' || c == '[') && hostAt(p, i, n, flag)) {
      b.escape(flag ? 'r' : 'h');
    } else if (isHexLower(c) && sessionIdAt(p, i, n)) {
      b.escape('c');
    } else if (isAlpha(c) && keyValueAt(p, i, b)) {
      continue;
    } else if (size_t u = valueRun(p, i); i + u < p.size() && p[i + u] == '@') {
      b.escape('u');
      b.literal('@');
      n = u + 1 + valueRun(p, i + u + 1);
      b.escape('d');
    } else if (size_t t = timeOfDayAt(p, i); t > 0) {
      n = t;
      b.escape('a');
    } else if (size_t d = digitsAt(p, i);
               d > 0 && d <= 2 && p.compare(i + d, 1, " ") == 0 && timeOfDayAt(p, i + d + 1) > 0) {
      n = d; // the day of a syslog date ("Jan  1 10:00:00"): not a process id
      b.escape('a');
    } else if (b.haveProcess() && sqlStateAt(p, i)) {
      n = 5;
      b.escape('e');
    } else if (size_t d = digitsAt(p, i); d > 0 && (i + d == p.size() || !isKeyChar(p[i + d]))) {
      n = d;
      if (b.afterLineDash() && p.substr(i, d) == "1")
        b.literal('1');
      else
        b.escape(b.haveProcess() ? 'l' : 'p');
    } else if (size_t w = valueRun(p, i); w > 0 && (isKeyChar(c) || static_cast<unsigned char>(c) >= 0x80)) {
      n = w;
      b.escape('a'); // a field the prefix writes that has no telling shape: free text
    } else {
      b.literal(c);
      n = 1;
    }
    i += n;
  }
  return b.spec();
}
} // namespace

size_t pgSeverityStart(std::string_view line) {
  std::string_view severity;
  size_t message = 0;
  for (size_t at = 0; at < line.size() && at < 1024; ++at) {
    unsigned char c = static_cast<unsigned char>(line[at]);
    if (!isUpper(line[at]) && c < 0x80) continue;
    if (at > 0 && (isKeyChar(line[at - 1]) || static_cast<unsigned char>(line[at - 1]) >= 0x80)) continue;
    if (pgSeverityAt(line, at, severity, message)) return at;
  }
  return std::string_view::npos;
}

std::vector<std::string> inferLogLinePrefixes(const std::vector<std::string> &lines) {
  std::map<std::string, size_t> counts;
  for (const auto &l : lines) {
    if (l.empty() || l[0] == '\t') continue;
    size_t at = pgSeverityStart(l);
    if (at == std::string_view::npos) continue;
    ++counts[inferOne(std::string_view(l).substr(0, at))];
  }
  std::vector<std::pair<std::string, size_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  if (ranked.size() > 12) ranked.resize(12);
  std::vector<std::string> out;
  for (const auto &r : ranked)
    out.push_back(r.first);
  // Background processes write the prefix only up to %q ("%m [%p] %q%u@%d "): a shorter candidate
  // that starts a longer one marks where %q stands.
  for (const auto &shorter : ranked)
    for (const auto &longer : ranked)
      if (longer.first.size() > shorter.first.size() &&
          longer.first.compare(0, shorter.first.size(), shorter.first) == 0)
        out.insert(out.begin(), shorter.first + "%q" + longer.first.substr(shorter.first.size()));
  return out;
}

} // namespace tether
