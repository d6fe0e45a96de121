#include "lint/json_value.h"
#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace tether::lint {

namespace {
const JsonValue kNull;
// A tree is read on a large stack (core/large_stack.h) after the SQL's nesting was bounded
// (core/nesting_bound.h): a chain of 5000 operators nests about 15000 levels.
constexpr int kMaxDepth = 40000;
} // namespace

class JsonReader {
public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  JsonValue document() {
    JsonValue v = value(0);
    skipSpace();
    if (pos_ != s_.size()) fail("trailing characters");
    return v;
  }

private:
  std::string_view s_;
  size_t pos_ = 0;

  [[noreturn]] void fail(const char *what) const {
    throw std::runtime_error(std::string("malformed JSON: ") + what + " at offset " + std::to_string(pos_));
  }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail("unexpected character");
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  static void appendUtf8(std::string &out, unsigned cp) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }
  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= unsigned(c - 'A' + 10);
      else
        fail("bad \\u escape");
    }
    return v;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        unsigned cp = hex4();
        if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
          pos_ += 2;
          unsigned lo = hex4();
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        out += e;
      }
    }
  }
  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    skipSpace();
    if (pos_ >= s_.size()) fail("unexpected end");
    JsonValue v;
    char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind_ = JsonValue::Kind::Object;
      if (eat('}')) return v;
      do {
        skipSpace();
        std::string key = string();
        expect(':');
        v.members_.emplace_back(std::move(key), value(depth + 1));
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.kind_ = JsonValue::Kind::Array;
      if (eat(']')) return v;
      do
        v.items_.push_back(value(depth + 1));
      while (eat(','));
      expect(']');
    } else if (c == '"') {
      v.kind_ = JsonValue::Kind::String;
      v.text_ = string();
    } else if (literal("true")) {
      v.kind_ = JsonValue::Kind::Bool;
      v.bool_ = true;
    } else if (literal("false")) {
      v.kind_ = JsonValue::Kind::Bool;
    } else if (literal("null")) {
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = pos_++;
      while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
                                  s_[pos_] == 'e' || s_[pos_] == 'E' || s_[pos_] == '+' || s_[pos_] == '-'))
        ++pos_;
      v.kind_ = JsonValue::Kind::Number;
      v.text_ = std::string(s_.substr(start, pos_ - start));
    } else {
      fail("unexpected character");
    }
    return v;
  }
};

long long JsonValue::asInt(long long fallback) const {
  if (kind_ != Kind::Number) return fallback;
  return std::strtoll(text_.c_str(), nullptr, 10);
}

const JsonValue &JsonValue::operator[](const std::string &key) const {
  for (const auto &[k, v] : members_)
    if (k == key) return v;
  return kNull;
}

bool JsonValue::has(const std::string &key) const {
  for (const auto &m : members_)
    if (m.first == key) return true;
  return false;
}

JsonValue JsonValue::parse(std::string_view text) {
  return JsonReader(text).document();
}

} // namespace tether::lint
