#include "yaml/inflection.h"
#include "yaml/model_writer.h"
#include <catch2/catch.hpp>

using namespace tether;

TEST_CASE("inflection: singular class names from table names, irregular and invariable words", "[model]") {
  CHECK(singular("users") == "user");
  CHECK(singular("categories") == "category");
  CHECK(singular("addresses") == "address");
  CHECK(singular("aliases") == "alias");
  CHECK(singular("alias") == "alias");
  CHECK(singular("series") == "series");
  CHECK(singular("status") == "status");
  CHECK(singular("statuses") == "status");
  CHECK(singular("people") == "person");
  CHECK(singular("children") == "child");
  CHECK(singular("movies") == "movie");
  CHECK(singular("analyses") == "analysis");
  CHECK(singular("boxes") == "box");
  CHECK(singular("buses") == "bus");
  CHECK(singular("species") == "species");
  CHECK(singular("human") == "human");
  CHECK(className("alias") == "Alias");
  CHECK(className("series") == "Series");
  CHECK(className("order_people") == "OrderPerson");
  CHECK(className("tv_series") == "TvSeries");
  CHECK(className("ORDER_ITEMS") == "ORDERITEM");
}

TEST_CASE("inflection: plural collection names, already-plural words kept", "[model]") {
  CHECK(plural("user") == "users");
  CHECK(plural("users") == "users");
  CHECK(plural("category") == "categories");
  CHECK(plural("day") == "days");
  CHECK(plural("person") == "people");
  CHECK(plural("people") == "people");
  CHECK(plural("address") == "addresses");
  CHECK(plural("status") == "statuses");
  CHECK(plural("alias") == "aliases");
  CHECK(plural("box") == "boxes");
  CHECK(plural("series") == "series");
  CHECK(plural("order_item") == "order_items");
  CHECK(plural("human") == "humans");
}
