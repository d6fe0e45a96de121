#include "querylog/postgres_message.h"
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

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

// The words of lc_messages translations, from the server's own catalogs (pg_translations.inc).
struct Translation {
  const char *kind; // statement, execute, duration, parameters, prepare, severity:<ENGLISH>
  const char *words;
  const char *lang;
};
const Translation kTranslations[] = {
#include "querylog/pg_translations.inc"
};

struct TranslatedWords {
  std::vector<std::string_view> statement, execute, duration, parameters, prepare;
  std::vector<std::pair<std::string_view, std::string_view>> severity; // translated -> English
};

const TranslatedWords &translated() {
  static const TranslatedWords w = [] {
    TranslatedWords t;
    for (const auto &tr : kTranslations) {
      std::string_view kind = tr.kind;
      if (kind == "statement")
        t.statement.push_back(tr.words);
      else if (kind == "execute")
        t.execute.push_back(tr.words);
      else if (kind == "duration")
        t.duration.push_back(tr.words);
      else if (kind == "parameters")
        t.parameters.push_back(tr.words);
      else if (kind == "prepare")
        t.prepare.push_back(tr.words);
      else if (startsWith(kind, "severity:"))
        t.severity.emplace_back(tr.words, kind.substr(9));
    }
    return t;
  }();
  return w;
}

// `m` starts with one of `words`: the rest.
bool afterAny(std::string_view m, const std::vector<std::string_view> &words, std::string_view &rest) {
  for (std::string_view w : words)
    if (startsWith(m, w)) {
      rest = m.substr(w.size());
      return true;
    }
  return false;
}

// "<execute word> <name>: text" in a translation ("Ausführen <unnamed>: …").
bool translatedExecuteText(std::string_view m, std::string_view &text) {
  for (std::string_view w : translated().execute) {
    if (!startsWith(m, w) || m.size() <= w.size() || m[w.size()] != ' ') continue;
    size_t colon = m.find(": ", w.size() + 1);
    if (colon == std::string_view::npos) continue;
    text = m.substr(colon + 2);
    return true;
  }
  return false;
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

namespace {
// lc_messages other than English: the same messages in the catalogs' words. The duration's unit
// is translated too ("мс", "ミリ秒"), and French puts a comma before the statement.
void classifyTranslated(std::string_view m, PgMessage &r) {
  const TranslatedWords &t = translated();
  std::string_view rest;
  if (afterAny(m, t.statement, rest)) {
    r.kind = PgMessage::Kind::Statement;
    r.text = rest;
    return;
  }
  if (translatedExecuteText(m, r.text)) {
    r.kind = PgMessage::Kind::Statement;
    return;
  }
  if (!afterAny(m, t.duration, rest)) return;
  size_t used = 0;
  double ms = parseMs(rest, used);
  if (ms < 0 || used >= rest.size() || rest[used] != ' ') return;
  rest.remove_prefix(used + 1);
  size_t unitEnd = rest.find_first_of(" ,");
  rest = unitEnd == std::string_view::npos ? std::string_view() : rest.substr(unitEnd);
  r.durationMs = ms;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ','))
    rest.remove_prefix(1);
  if (rest.empty()) {
    r.kind = PgMessage::Kind::Duration;
    return;
  }
  std::string_view text;
  if (afterAny(rest, t.statement, text) || translatedExecuteText(rest, text)) {
    r.kind = PgMessage::Kind::Statement;
    r.text = text;
  }
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
    } else if (startsWith(rest, "plan:")) {
      r.kind = PgMessage::Kind::Plan;
      r.text = rest.substr(5);
    } else if (executeText(rest, r.text)) {
      r.kind = PgMessage::Kind::Statement;
    } // parse and bind steps of the extended protocol are not executions
    return r;
  }
  if (startsWith(m, "disconnection: ")) {
    r.kind = PgMessage::Kind::Disconnect;
    return r;
  }
  if (startsWith(m, "connection received: ")) {
    r.kind = PgMessage::Kind::Connect;
    return r;
  }
  classifyTranslated(m, r);
  return r;
}

std::string_view canonicalPgSeverity(std::string_view s) {
  static constexpr std::string_view kLevels[] = {
      "LOG",  "DETAIL", "ERROR",    "STATEMENT", "HINT",   "CONTEXT", "WARNING", "FATAL",  "PANIC", "NOTICE",
      "INFO", "QUERY",  "LOCATION", "DEBUG",     "DEBUG1", "DEBUG2",  "DEBUG3",  "DEBUG4", "DEBUG5"};
  for (std::string_view l : kLevels)
    if (s == l) return l;
  for (const auto &[words, english] : translated().severity)
    if (s == words) return english;
  return {};
}

bool pgSeverityAt(std::string_view line, size_t at, std::string_view &severity, size_t &message) {
  auto upperOrDigit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  size_t i = at;
  while (i < line.size() && i - at < 48 &&
         (upperOrDigit(line[i]) || static_cast<unsigned char>(line[i]) >= 0x80 ||
          (line[i] == ' ' && i > at && i + 1 < line.size() && line[i + 1] != ' ')))
    ++i;
  if (i == at || i + 3 > line.size() || line[i] != ':' || line[i + 1] != ' ' || line[i + 2] != ' ')
    return false;
  std::string_view word = line.substr(at, i - at);
  while (!word.empty() && word.back() == ' ')
    word.remove_suffix(1);
  severity = canonicalPgSeverity(word);
  message = i + 3;
  return !severity.empty();
}

bool isPgSeverity(std::string_view s) {
  return !canonicalPgSeverity(s).empty();
}

void applyPgDetail(std::string_view detail, std::string &text, std::string &params) {
  std::string_view rest;
  if (startsWith(detail, "parameters: ") || afterAny(detail, translated().parameters, rest)) {
    if (startsWith(detail, "parameters: ")) rest = detail.substr(12);
    params.assign(rest.data(), rest.size());
    return;
  }
  std::string_view prepare;
  if (startsWith(detail, "prepare: "))
    prepare = detail.substr(9);
  else if (!afterAny(detail, translated().prepare, prepare))
    return;
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
