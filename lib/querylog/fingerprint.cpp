#include "querylog/fingerprint.h"
#include <cctype>
#include <cstring>
#include <vector>

namespace tether {

uint64_t hashBytes(std::string_view s, uint64_t seed) {
  constexpr uint64_t kPrime = 0x100000001b3ULL;
  uint64_t h = seed;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kPrime;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i)
    h = (h ^ static_cast<unsigned char>(s[i])) * kPrime;
  h ^= s.size();
  return (h ^ (h >> 32)) * kPrime;
}

namespace {

inline bool isIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
inline bool isIdentChar(unsigned char c) {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
}
inline bool isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
inline bool isOperatorChar(unsigned char c) {
  return std::strchr("+-*/<>=~!@#%^&|`", c) != nullptr && c != 0;
}

class Fingerprinter {
public:
  Fingerprinter(std::string_view sql, Fingerprint &fp) : s_(sql), fp_(fp), out_(fp.text) {}

  void run() {
    out_.clear();
    fp_.literals = 0;
    hash_ = 0xcbf29ce484222325ULL;
    while (i_ < s_.size())
      step();
    while (endsWithToken(";"))
      out_.resize(out_.size() >= 2 ? out_.size() - 2 : 0);
    if (!out_.empty() && out_.back() == ' ') out_.pop_back();
    fp_.valueHash = hash_;
  }

private:
  void token(std::string_view t) {
    if (!out_.empty()) out_ += ' ';
    out_.append(t.data(), t.size());
  }
  bool endsWithToken(std::string_view t) const {
    if (out_.size() < t.size()) return false;
    if (out_.compare(out_.size() - t.size(), t.size(), t) != 0) return false;
    return out_.size() == t.size() || out_[out_.size() - t.size() - 1] == ' ';
  }
  void value(std::string_view literal) {
    token("?");
    ++fp_.literals;
    hash_ = hashBytes(literal, hash_ ^ 0x9e3779b97f4a7c15ULL);
  }
  void placeholder() { token("?"); }

  void step() {
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i_;
      return;
    }
    if (c == '-' && peek(1) == '-') {
      skipLine();
      return;
    }
    if (c == '/' && peek(1) == '*') {
      skipBlockComment();
      return;
    }
    if (c == '\'') {
      stringLiteral(false);
      return;
    }
    if (c == '"') {
      quotedIdentifier();
      return;
    }
    if (c == '$') {
      dollar();
      return;
    }
    if (c == '%' && (peek(1) == 's' || peek(1) == '(')) {
      percentPlaceholder();
      return;
    }
    if (c == '?') {
      ++i_;
      placeholder();
      return;
    }
    if (c == ':' && peek(1) == ':') {
      i_ += 2;
      token("::");
      return;
    }
    if (c == ':' && isIdentStart(static_cast<unsigned char>(peek(1)))) {
      colonPlaceholder();
      return;
    }
    if (isDigit(c) || (c == '.' && isDigit(static_cast<unsigned char>(peek(1))))) {
      number();
      return;
    }
    if (isIdentStart(c)) {
      word();
      return;
    }
    if (c == '(' || c == '[') {
      open(c);
      return;
    }
    if (c == ')' || c == ']') {
      close(c);
      return;
    }
    if (c == ',' || c == ';') {
      ++i_;
      token(std::string_view(&s_[i_ - 1], 1));
      return;
    }
    if (isOperatorChar(c)) {
      size_t b = i_;
      while (i_ < s_.size() && isOperatorChar(static_cast<unsigned char>(s_[i_])) &&
             !(s_[i_] == '-' && peek(1) == '-') && !(s_[i_] == '/' && peek(1) == '*'))
        ++i_;
      if (i_ == b) ++i_;
      token(s_.substr(b, i_ - b));
      return;
    }
    ++i_;
    token(std::string_view(&s_[i_ - 1], 1));
  }

  char peek(size_t k) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  void skipLine() {
    while (i_ < s_.size() && s_[i_] != '\n')
      ++i_;
  }
  void skipBlockComment() {
    size_t end = s_.find("*/", i_ + 2);
    i_ = end == std::string_view::npos ? s_.size() : end + 2;
  }

  void stringLiteral(bool backslashEscapes) {
    size_t b = ++i_;
    for (;;) {
      if (i_ >= s_.size()) break;
      char c = s_[i_];
      if (backslashEscapes && c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\'') {
        if (peek(1) == '\'') {
          i_ += 2;
          continue;
        }
        break;
      }
      ++i_;
    }
    std::string_view lit = s_.substr(b, (i_ < s_.size() ? i_ : s_.size()) - b);
    if (i_ < s_.size()) ++i_;
    value(lit);
  }

  void quotedIdentifier() {
    size_t b = i_++;
    while (i_ < s_.size()) {
      if (s_[i_] == '"') {
        if (peek(1) == '"') {
          i_ += 2;
          continue;
        }
        ++i_;
        break;
      }
      ++i_;
    }
    token(s_.substr(b, i_ - b));
    qualifiedTail();
  }

  void dollar() {
    if (isDigit(static_cast<unsigned char>(peek(1)))) { // $1: a server-side parameter
      ++i_;
      while (i_ < s_.size() && isDigit(static_cast<unsigned char>(s_[i_])))
        ++i_;
      placeholder();
      return;
    }
    size_t tagEnd = i_ + 1;
    while (tagEnd < s_.size() && isIdentChar(static_cast<unsigned char>(s_[tagEnd])) && s_[tagEnd] != '$')
      ++tagEnd;
    if (tagEnd < s_.size() && s_[tagEnd] == '$') { // $tag$ … $tag$
      std::string_view tag = s_.substr(i_, tagEnd - i_ + 1);
      size_t body = tagEnd + 1;
      size_t end = s_.find(tag, body);
      std::string_view lit = s_.substr(body, (end == std::string_view::npos ? s_.size() : end) - body);
      i_ = end == std::string_view::npos ? s_.size() : end + tag.size();
      value(lit);
      return;
    }
    ++i_;
    token("$");
  }

  void percentPlaceholder() {
    if (peek(1) == 's') {
      i_ += 2;
      placeholder();
      return;
    }
    size_t close = s_.find(')', i_ + 2);
    if (close != std::string_view::npos && close + 1 < s_.size() && close - i_ < 256 &&
        (s_[close + 1] == 's' || s_[close + 1] == 'd')) {
      i_ = close + 2;
      placeholder();
      return;
    }
    ++i_;
    token("%");
  }

  void colonPlaceholder() {
    ++i_;
    while (i_ < s_.size() && isIdentChar(static_cast<unsigned char>(s_[i_])))
      ++i_;
    placeholder();
  }

  void number() {
    size_t b = i_;
    if (s_[i_] == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      i_ += 2;
      while (i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_])))
        ++i_;
    } else {
      while (i_ < s_.size() &&
             (isDigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == '_'))
        ++i_;
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        size_t k = i_ + 1;
        if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
        if (k < s_.size() && isDigit(static_cast<unsigned char>(s_[k]))) {
          i_ = k;
          while (i_ < s_.size() && isDigit(static_cast<unsigned char>(s_[i_])))
            ++i_;
        }
      }
    }
    value(s_.substr(b, i_ - b));
  }

  void word() {
    size_t b = i_;
    while (i_ < s_.size() && isIdentChar(static_cast<unsigned char>(s_[i_])))
      ++i_;
    size_t len = i_ - b;
    // E'…', B'…', X'…', N'…' and U&'…' are string literals with a prefix.
    if (i_ < s_.size() && s_[i_] == '\'' && len == 1) {
      char p = static_cast<char>(s_[b] | 0x20);
      if (p == 'e' || p == 'b' || p == 'x' || p == 'n') {
        stringLiteral(p == 'e');
        return;
      }
    }
    if (!out_.empty()) out_ += ' ';
    for (size_t k = b; k < i_; ++k) {
      char c = s_[k];
      out_ += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    qualifiedTail();
  }

  // ".name" / ".\"Name\"" / ".*" right after a name continue the same token.
  void qualifiedTail() {
    while (i_ + 1 < s_.size() && s_[i_] == '.') {
      unsigned char n = static_cast<unsigned char>(s_[i_ + 1]);
      if (isIdentStart(n)) {
        out_ += '.';
        ++i_;
        while (i_ < s_.size() && isIdentChar(static_cast<unsigned char>(s_[i_]))) {
          char c = s_[i_++];
          out_ += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        }
      } else if (n == '"') {
        out_ += '.';
        ++i_;
        size_t b = i_++;
        while (i_ < s_.size() && s_[i_] != '"')
          ++i_;
        if (i_ < s_.size()) ++i_;
        out_.append(s_.data() + b, i_ - b);
      } else if (n == '*') {
        out_ += ".*";
        i_ += 2;
      } else {
        break;
      }
    }
  }

  void open(unsigned char c) {
    ++i_;
    token(c == '(' ? "(" : "[");
    if (opens_.size() < 4096)
      opens_.push_back(out_.size() - 1);
    else
      overflow_++;
  }

  void close(unsigned char c) {
    ++i_;
    if (overflow_ > 0) {
      --overflow_;
      token(c == ')' ? ")" : "]");
      return;
    }
    if (opens_.empty()) {
      token(c == ')' ? ")" : "]");
      return;
    }
    size_t at = opens_.back();
    opens_.pop_back();
    // A list made only of values collapses, whatever its length: IN (1, 2, 3) is IN (...).
    std::string_view inner(out_.data() + at + 1, out_.size() - at - 1);
    if (onlyValues(inner)) {
      // IN (x) with one value is `= x`: a batch loader of size 1, run once per row, is an N+1
      // and must share the shape of the lookup it stands for.
      if (c == ')' && inner == " ?" && at >= 3 && out_.compare(at - 3, 3, "in ") == 0 &&
          (at == 3 || out_[at - 4] == ' ') && !(at >= 7 && out_.compare(at - 7, 4, "not ") == 0)) {
        out_.resize(at - 3);
        out_ += "= ?";
        return;
      }
      bool single = inner == " ?";
      out_.resize(at);
      out_ += c == ')' ? "(...)" : "[...]";
      if (c == ']' && single) singleArrayEnd_ = out_.size();
      // VALUES (…), (…), (…) collapses to one row.
      static constexpr std::string_view kRepeat = " (...) , (...)";
      if (c == ')' && out_.size() >= kRepeat.size() &&
          out_.compare(out_.size() - kRepeat.size(), kRepeat.size(), kRepeat) == 0)
        out_.resize(out_.size() - 8);
      return;
    }
    // = ANY(ARRAY[x]) with one element, likewise: psycopg2 sends a one-item list so.
    if (c == ')' && singleArrayEnd_ == out_.size() && inner == " array [...]" && at >= 6 &&
        out_.compare(at - 6, 6, "= any ") == 0) {
      out_.resize(at - 4);
      out_ += '?';
      return;
    }
    token(c == ')' ? ")" : "]");
  }

  static bool onlyValues(std::string_view inner) {
    bool any = false, expectValue = true;
    size_t k = 0;
    while (k < inner.size()) {
      if (inner[k] == ' ') {
        ++k;
        continue;
      }
      if (expectValue) {
        if (inner.compare(k, 5, "(...)") == 0)
          k += 5;
        else if (inner[k] == '?')
          ++k;
        else if (inner[k] == '-' && k + 2 < inner.size() && inner[k + 1] == ' ' && inner[k + 2] == '?')
          k += 3;
        else
          return false;
        // casts of a value: ? :: integer
        while (k + 3 < inner.size() && inner.compare(k, 4, " :: ") == 0) {
          k += 4;
          while (k < inner.size() && inner[k] != ' ')
            ++k;
        }
        any = true;
        expectValue = false;
      } else {
        if (inner[k] != ',') return false;
        ++k;
        expectValue = true;
      }
    }
    return any && !expectValue;
  }

  std::string_view s_;
  Fingerprint &fp_;
  std::string &out_;
  size_t i_ = 0;
  uint64_t hash_ = 0;
  std::vector<size_t> opens_;
  size_t overflow_ = 0;
  size_t singleArrayEnd_ = static_cast<size_t>(-1); // where "[...]" of a one-value ARRAY[x] ends
};

} // namespace

void fingerprintSql(std::string_view sql, Fingerprint &out) {
  Fingerprinter(sql, out).run();
}

std::string displayFingerprint(std::string_view fp) {
  std::string out;
  out.reserve(fp.size());
  for (size_t i = 0; i < fp.size(); ++i) {
    char c = fp[i];
    if (c == ' ' && i + 1 < fp.size() && (fp[i + 1] == ',' || fp[i + 1] == ')' || fp[i + 1] == ']')) continue;
    if (c == ' ' && !out.empty() && (out.back() == '(' || out.back() == '[')) continue;
    out += c;
  }
  return out;
}

} // namespace tether
