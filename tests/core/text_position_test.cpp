#include "core/text_position.h"
#include <catch2/catch.hpp>

using namespace tether;

TEST_CASE("positionOf: lines from 1, columns in characters as editors count them", "[core]") {
  const std::string text = "ab\n\xC3\xA9t\xC3\xA9 x\n";
  CHECK(positionOf(text, 0, "f").str() == "f:1:1");
  CHECK(positionOf(text, 2, "f").str() == "f:1:3");
  CHECK(positionOf(text, 3, "f").str() == "f:2:1");
  // "été x": the x is the fifth character, at byte 3 + 6.
  CHECK(positionOf(text, 9, "f").str() == "f:2:5");
  CHECK(positionOf(text, 1000, "f").str() == "f:3:1");
}
