#include "dialect/postgres/pg_replay_number.h"
#include <algorithm>
#include <regex>

namespace tether::pg::replay {

// A DefElem's number: small ones are Integer nodes, large ones Float text. libpg_query's JSON
// leaves out an Integer's zero and also a negative value, so an empty one is read back from the
// statement's text (INCREMENT BY -1), or refused.
namespace {
long long wholeNumber(const std::string &digits, const Json &d) {
  try {
    return std::stoll(digits);
  } catch (const std::exception &) {
    refuse("a sequence option (" + str(d, "defname") + ") beyond a 64-bit integer");
  }
}
} // namespace

std::optional<long long> defElemNumber(const Json &d, const ReplayState &s) {
  const Json &arg = at(d, "arg");
  if (at(arg, "Float").is_object()) return wholeNumber(str(at(arg, "Float"), "fval"), d);
  if (!at(arg, "Integer").is_object()) return std::nullopt; // NO MINVALUE / NO MAXVALUE: the default
  long long stored = num(at(arg, "Integer"), "ival", 0);
  long long loc = num(d, "location", -1);
  if (stored > 0) return stored;
  if (!s.text || loc < 0 || static_cast<size_t>(loc) >= s.text->size())
    refuse("a sequence option (" + str(d, "defname") + ") whose value the parse tree leaves out");
  static const std::regex option(R"(^[A-Za-z]+(\s+(BY|WITH|by|with|By|With))?\s*(-?\s*[0-9]+))");
  std::smatch m;
  const std::string rest = s.text->substr(static_cast<size_t>(loc), 80);
  if (!std::regex_search(rest, m, option))
    refuse("a sequence option (" + str(d, "defname") + ") whose value the parse tree leaves out");
  std::string digits = m[3].str();
  digits.erase(std::remove_if(digits.begin(), digits.end(), [](char c) { return c == ' ' || c == '\t'; }),
               digits.end());
  return wholeNumber(digits, d);
}

} // namespace tether::pg::replay
