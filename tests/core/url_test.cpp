#include "core/error.h"
#include "drivers/url.h"
#include <catch2/catch.hpp>

using namespace tether;

TEST_CASE("url: SQLAlchemy's sqlite spellings") {
  CHECK(parseDbUrl("sqlite:///rel/x.db").path == "rel/x.db");
  CHECK(parseDbUrl("sqlite:////abs/x.db").path == "/abs/x.db");
  CHECK(parseDbUrl("sqlite://").path == ":memory:");
  CHECK(parseDbUrl("sqlite:///:memory:").path == ":memory:");
}

TEST_CASE("url: postgresql with driver suffix, port, query and percent-encoded password") {
  DbUrl u = parseDbUrl("postgresql+psycopg2://bob:p%40ss@db.local:6543/shop?sslmode=require");
  CHECK(u.scheme == "postgresql");
  CHECK(u.user == "bob");
  CHECK(u.password == "p@ss");
  CHECK(u.host == "db.local");
  CHECK(u.port == 6543);
  CHECK(u.database == "shop");
  CHECK(u.query.at("sslmode") == "require");
  CHECK(u.masked() == "postgresql://bob:***@db.local:6543/shop?sslmode=require");
  CHECK(u.masked().find("p@ss") == std::string::npos);
}

TEST_CASE("url: bad URLs are errors with a hint, never crashes") {
  CHECK_THROWS_AS(parseDbUrl("nonsense"), Error);
  CHECK_THROWS_AS(parseDbUrl("mysql://x/y"), Error);
  CHECK_THROWS_AS(parseDbUrl("postgresql://u:secret@h:99999/db"), Error);
  try {
    parseDbUrl("postgresql://u:secret@h:abc/db");
    FAIL("expected an error");
  } catch (const Error &e) {
    CHECK(std::string(e.what()).find("secret") == std::string::npos);
  }
}
