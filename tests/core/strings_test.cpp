#include "core/strings.h"
#include <catch2/catch.hpp>

using namespace tether;

TEST_CASE("strings: closestMatch suggests a near key and nothing for a far one") {
  std::vector<std::string> keys = {"columns", "relationships", "indexes", "table"};
  CHECK(closestMatch("colums", keys) == "columns");
  CHECK(closestMatch("relationship", keys) == "relationships");
  CHECK(closestMatch("zzzzzzzz", keys).empty());
}

TEST_CASE("strings: jsonEscape escapes quotes, backslashes and control characters") {
  CHECK(jsonEscape("a\"b\\c\n\x01") == "a\\\"b\\\\c\\n\\u0001");
}

TEST_CASE("strings: didYouMean names the close candidate or falls back") {
  CHECK(didYouMean("colums", {"columns", "table"}, "keys: columns, table") == "did you mean 'columns'?");
  CHECK(didYouMean("zzzzzz", {"columns", "table"}, "keys: columns, table") == "keys: columns, table");
}
