#include "json/json_text.h"
#include <cstdio>

namespace tether {

namespace {
void write(const Json &v, std::string &out);

std::string scalar(const Json &v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void members(const Json &object, std::string &out) {
  bool first = true;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    out += scalar(Json(it.key()));
    out += ": ";
    write(it.value(), out);
  }
}

void write(const Json &v, std::string &out) {
  switch (v.type()) {
  case Json::value_t::object:
    out += '{';
    members(v, out);
    out += '}';
    break;
  case Json::value_t::array: {
    out += '[';
    bool first = true;
    for (const auto &item : v) {
      if (!first) out += ", ";
      first = false;
      write(item, out);
    }
    out += ']';
    break;
  }
  case Json::value_t::number_float: {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v.get<double>());
    out += buf;
    break;
  }
  default:
    out += scalar(v);
  }
}
} // namespace

std::string jsonLine(const Json &value) {
  std::string out;
  write(value, out);
  return out;
}

std::string jsonMembers(const Json &object) {
  std::string out;
  members(object, out);
  return out;
}

} // namespace tether
