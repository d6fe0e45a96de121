#include "querylog/log_prefix.h"
#include "core/error.h"
#include "querylog/postgres_message.h"
#include "querylog/prefix_inference.h"
#include "querylog/timestamp.h"
#include <cstdlib>

namespace tether {

namespace {
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isAlnum(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// `lit` at `at` of `line`. The literals of a prefix are a byte or two: no call to memcmp per line.
// Where `lit` occurs in `line` from `from`. Most literals are one byte: a memchr, not a memcmp too.
size_t findLiteral(std::string_view line, const std::string &lit, size_t from) {
  return lit.size() == 1 ? line.find(lit[0], from) : line.find(lit, from);
}
bool literalAt(std::string_view line, size_t at, const std::string &lit) {
  if (at > line.size() || line.size() - at < lit.size()) return false;
  for (size_t k = 0; k < lit.size(); ++k)
    if (line[at + k] != lit[k]) return false;
  return true;
}

} // namespace

LogLinePrefix::LogLinePrefix(std::string_view spec) : spec_(spec) {
  bool hasPid = false;
  for (size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '%' && i + 1 < spec.size() && spec[i + 1] != '%') {
      char e = spec[++i];
      if (e == 'q') {
        qStep_ = steps_.size();
        continue;
      }
      if (e == 'p') hasPid = true;
      if (e == 'c') hasSessionId_ = true;
      steps_.push_back(Step{e, {}});
      continue;
    }
    char c = spec[i];
    if (c == '%') ++i; // "%%" is a literal percent sign
    if (steps_.empty() || steps_.back().escape != 0 || qStep_ == steps_.size()) steps_.push_back(Step{0, {}});
    steps_.back().literal += c;
  }
  // Each escape knows the literal after it, where its free text stops.
  for (size_t k = 0; k + 1 < steps_.size(); ++k)
    if (steps_[k].escape && !steps_[k + 1].escape) steps_[k].literal = steps_[k + 1].literal;
  if (!hasPid && !hasSessionId_)
    throw Error("log_line_prefix '" + spec_ + "' has neither %p nor %c: sessions cannot be told apart", {},
                "add %p (process id) or %c (session id) to log_line_prefix");
}

bool LogLinePrefix::matchSteps(std::string_view line, size_t stepsEnd, PrefixFields &f,
                               std::string_view *severity) const {
  size_t i = 0;
  std::string_view pid;
  for (size_t k = 0; k < stepsEnd; ++k) {
    const Step &s = steps_[k];
    if (!s.escape) {
      if (!literalAt(line, i, s.literal)) return false;
      i += s.literal.size();
      continue;
    }
    size_t b = i;
    switch (s.escape) {
    case 'm':
    case 't':
    case 's': {
      size_t used = 0;
      double ts = parseTimestampMs(line.substr(i), used);
      if (ts < 0) return false;
      i += used;
      if (i + 1 < line.size() && line[i] == ' ' &&
          (isAlnum(line[i + 1]) || line[i + 1] == '+' || line[i + 1] == '-')) {
        // The zone: "UTC", "CEST", "+03", "-05:30". Only a zone when what follows still fits the
        // prefix, which may itself start with "-" (`%t-%c-`): try the longest reading, then the
        // abbreviation or the offset alone.
        size_t whole = i + 1;
        while (whole < line.size() && (isAlnum(line[whole]) || line[whole] == '+' || line[whole] == '-'))
          ++whole;
        size_t part = i + 1;
        if (line[part] == '+' || line[part] == '-') {
          ++part;
          while (part < line.size() && (isDigit(line[part]) || line[part] == ':'))
            ++part;
        } else {
          while (part < line.size() && isAlnum(line[part]) && !isDigit(line[part]))
            ++part;
        }
        for (size_t j : {whole, part})
          if (s.literal.empty() || literalAt(line, j, s.literal)) {
            i = j;
            break;
          }
      }
      if (s.escape != 's') f.timestampMs = ts;
      break;
    }
    case 'n': {
      while (i < line.size() && (isDigit(line[i]) || line[i] == '.'))
        ++i;
      if (i == b) return false;
      f.timestampMs = std::strtod(std::string(line.substr(b, i - b)).c_str(), nullptr) * 1000.0;
      break;
    }
    case 'p':
    case 'P':
    case 'l':
    case 'x':
    case 'Q': {
      if (i < line.size() && line[i] == '-' && s.escape == 'Q') ++i;
      while (i < line.size() && isDigit(line[i]))
        ++i;
      if (i == b && s.escape == 'p') return false;
      if (s.escape == 'p') pid = line.substr(b, i - b);
      break;
    }
    case 'c': {
      while (i < line.size() && (isAlnum(line[i]) || line[i] == '.'))
        ++i;
      if (i == b) return false;
      f.session = line.substr(b, i - b);
      break;
    }
    default: { // free text (%u %d %a %h %r %b %i %e %v …): up to the literal that follows
      if (s.literal.empty()) {
        while (i < line.size() && line[i] != ' ')
          ++i;
      } else {
        size_t at = findLiteral(line, s.literal, i);
        if (at == std::string_view::npos) return false;
        if (k + 2 == steps_.size() && stepsEnd == steps_.size()) {
          // The last free text may hold the literal itself (application_name "PostgreSQL JDBC
          // Driver" before a space): take the occurrence the severity follows.
          std::string_view sev;
          size_t msg = 0;
          for (size_t probe = at; probe != std::string_view::npos;
               probe = findLiteral(line, s.literal, probe + 1))
            if (pgSeverityAt(line, probe + s.literal.size(), sev, msg)) {
              at = probe;
              // The severity after the prefix's last literal, read already.
              if (severity) *severity = sev, f.message = msg;
              break;
            }
        }
        i = at;
      }
    }
    }
  }
  if (!hasSessionId_) f.session = pid;
  f.end = i;
  return true;
}

bool LogLinePrefix::match(std::string_view line, PrefixFields &f, std::string_view &severity) const {
  f = PrefixFields{};
  std::string_view read;
  if (matchSteps(line, steps_.size(), f, &read)) {
    if (!read.empty()) { // at f.end, where matchSteps found it
      severity = read;
      return true;
    }
    if (pgSeverityAt(line, f.end, severity, f.message)) return true;
  }
  f = PrefixFields{};
  return qStep_ != static_cast<size_t>(-1) && matchSteps(line, qStep_, f) &&
         pgSeverityAt(line, f.end, severity, f.message);
}

std::optional<LogLinePrefix> LogLinePrefix::detect(const std::vector<std::string> &lines) {
  static const char *const kCommon[] = {
      "%m [%p] %q%u@%d ", // Debian and Ubuntu packages
      "%m [%p] ",         // PostgreSQL's own default since 10
      "%t [%p] %q%u@%d ",
      "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ", // pgBadger's recommendation
      "%m [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ",
      "%t [%p]: [%l-1] user=%u,db=%d ",
      "%t [%p]: [%l-1] ",
      "%m [%p]: [%l-1] ",
      "%t [%p]: ",
      "%m [%p]: ",
      "%t [%p-%l] %q%u@%d ", // older Debian
      "%m [%p-%l] %q%u@%d app=%a ",
      "%m [%p]: [%l-1] db=%d,user=%u ", // Cloud SQL
      "%t-%c-",
      "%m-%c-",
      "%t:%r:%u@%d:[%p]:", // Amazon RDS
      "%m:%r:%u@%d:[%p]:",
      "%m [%p] %q[user=%u,db=%d,app=%a] ",
      "%m [%p] %q%u@%d/%a ",
      "%m [%c] %q%u@%d ",
      "%m [%c] ",
      "%m %c ",
      "%m %p ",
      "%t %p ",
      "[%p] ",
      "%p ",
  };
  size_t considered = 0;
  for (const auto &l : lines)
    if (!l.empty() && l[0] != '\t') ++considered;
  if (considered == 0) return std::nullopt;
  // The prefix read off the lines first (it names every field they hold), then the common ones.
  std::vector<std::string> candidates = inferLogLinePrefixes(lines);
  candidates.insert(candidates.end(), std::begin(kCommon), std::end(kCommon));
  std::optional<LogLinePrefix> best;
  size_t bestScore = 0;
  for (const auto &spec : candidates) {
    std::optional<LogLinePrefix> parsed;
    try {
      parsed.emplace(spec);
    } catch (const Error &) {
      continue; // neither %p nor %c: no sessions to follow
    }
    LogLinePrefix &p = *parsed;
    size_t score = 0;
    PrefixFields f;
    std::string_view sev;
    for (const auto &l : lines)
      if (!l.empty() && l[0] != '\t' && p.match(l, f, sev)) ++score;
    if (score > bestScore) {
      bestScore = score;
      best = std::move(p);
    }
  }
  // Most lines of a log carry its prefix; a few stray lines (a crash report, pg_ctl's own) may not.
  if (!best || bestScore * 2 < considered) return std::nullopt;
  return best;
}

} // namespace tether
