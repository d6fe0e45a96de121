#pragma once
#include "json/json_parse.h"
#include <string>
#include <utility>
#include <vector>

namespace tether {

// A read-only walk over a parsed document for readers of deep trees (libpg_query's parse trees):
// a missing member or an item of a non-array reads as null, so lookups chain without checks.
class JsonView {
public:
  JsonView() = default;
  explicit JsonView(const JsonDoc &value) : v_(&value) {}

  bool isNull() const { return v_->is_null(); }
  bool isObject() const { return v_->is_object(); }
  bool isArray() const { return v_->is_array(); }
  bool asBool() const { return v_->is_boolean() && v_->get<bool>(); }
  long long asInt(long long fallback = -1) const {
    return v_->is_number_integer() ? v_->get<long long>() : fallback;
  }
  // The string, or an empty one for any other kind of value.
  const std::string &asString() const;

  JsonView operator[](const std::string &key) const;
  bool has(const std::string &key) const { return v_->is_object() && v_->contains(key); }
  std::vector<JsonView> items() const;
  std::vector<std::pair<std::string, JsonView>> members() const;

private:
  const JsonDoc *v_ = &null();
  static const JsonDoc &null();
};

} // namespace tether
