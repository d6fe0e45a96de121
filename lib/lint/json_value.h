#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tether::lint {

// Just enough JSON to walk libpg_query's parse trees: no dependency for one reader.
// Missing members read as a shared null value, so lookups chain without checks.
class JsonValue {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }
  bool isObject() const { return kind_ == Kind::Object; }
  bool isArray() const { return kind_ == Kind::Array; }
  bool asBool() const { return kind_ == Kind::Bool && bool_; }
  long long asInt(long long fallback = -1) const;
  const std::string &asString() const { return text_; } // strings; numbers as written

  const JsonValue &operator[](const std::string &key) const;
  const std::vector<JsonValue> &items() const { return items_; }
  const std::vector<std::pair<std::string, JsonValue>> &members() const { return members_; }
  bool has(const std::string &key) const;

  // Throws std::runtime_error on malformed input.
  static JsonValue parse(std::string_view text);

private:
  friend class JsonReader;
  Kind kind_ = Kind::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

} // namespace tether::lint
