#include "core/strings.h"
#include <catch2/catch.hpp>

using namespace tether;

TEST_CASE("strings: closestMatch suggests a near key and nothing for a far one") {
  std::vector<std::string> keys = {"columns", "relationships", "indexes", "table"};
  CHECK(closestMatch("colums", keys) == "columns");
  CHECK(closestMatch("relationship", keys) == "relationships");
  CHECK(closestMatch("zzzzzzzz", keys).empty());
}

TEST_CASE("strings: invalid UTF-8 is told apart and each bad byte becomes U+FFFD") {
  CHECK(isValidUtf8("plain caf\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK_FALSE(isValidUtf8("caf\xE9"));      // Latin-1
  CHECK_FALSE(isValidUtf8("\xED\xA0\x80")); // an encoded surrogate
  CHECK_FALSE(isValidUtf8("\xC0\xAF"));     // overlong '/'
  CHECK(replaceInvalidUtf8("caf\xE9!") == "caf\xEF\xBF\xBD!");
  CHECK(replaceInvalidUtf8("ok \xC3\xA9") == "ok \xC3\xA9");
}

TEST_CASE("strings: didYouMean names the close candidate or falls back") {
  CHECK(didYouMean("colums", {"columns", "table"}, "keys: columns, table") == "did you mean 'columns'?");
  CHECK(didYouMean("zzzzzz", {"columns", "table"}, "keys: columns, table") == "keys: columns, table");
}
