#include "dialect/postgres/postgres.h"
#include "dialect/sqlite/sqlite.h"
#include "migrate/migration_dir.h"
#include "migrate/sha256.h"
#include "migrate/sql_split.h"
#include "migrate/sum_file.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <fstream>

using namespace tether;

TEST_CASE("migrate: sha256 matches the FIPS 180-4 examples", "[migrate]") {
  CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // 55, 56 and 64 bytes: the padding boundaries.
  CHECK(sha256Hex(std::string(55, 'x')) != sha256Hex(std::string(56, 'x')));
  CHECK(sha256Hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("migrate: scripts split on top-level semicolons only", "[migrate]") {
  // PostgreSQL's splitter (dollar quotes; a SQLite trigger body is read the same way).
  auto s =
      splitSqlScript("-- header; with a semicolon\n"
                     "CREATE TABLE \"a;b\" (x TEXT DEFAULT 'it''s; fine');\n"
                     "/* block; comment */ INSERT INTO t VALUES ($$a;b$$, $tag$c;d$tag$);\n"
                     "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET x = CASE WHEN 1 THEN 2 END;\n"
                     "  DELETE FROM u;\nEND;\n"
                     "CREATE INDEX CONCURRENTLY i ON t (x);\n-- (runs outside the transaction)\n"
                     "-- only a comment at the end;\n",
                     postgresDialect());
  REQUIRE(s.size() == 4);
  CHECK(s[0].sql.find("it''s; fine") != std::string::npos);
  CHECK(s[0].line == 1);
  CHECK(s[1].sql.find("$tag$c;d$tag$") != std::string::npos);
  CHECK(s[1].line == 3);
  CHECK(s[2].sql.find("DELETE FROM u;\nEND") != std::string::npos);
  CHECK(s[2].line == 4);
  CHECK(s[2].transactional);
  CHECK_FALSE(s[3].transactional);
  CHECK(splitSqlScript("  -- nothing\n/* here */\n", postgresDialect()).empty());
  CHECK(splitSqlScript("  -- nothing\n/* here */\n", sqliteDialect()).empty());
  // A PostgreSQL trigger has no body of its own: the next statement is separate.
  auto pg = splitSqlScript(
      "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\nDROP TABLE y;\n"
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;",
      postgresDialect());
  REQUIRE(pg.size() == 4);
  CHECK(pg[1].sql == "DROP TABLE y");
  CHECK(pg[2].sql.find("SELECT 2; END") != std::string::npos);
  CHECK(pg[3].sql == "SELECT 3");
  CHECK(splitSqlScript("SELECT 'unterminated", postgresDialect()).size() == 1); // bad input never hangs
  CHECK(splitSqlScript("SELECT 'unterminated", sqliteDialect()).size() == 1);
}

TEST_CASE("migrate: names slugify and versions count up", "[migrate]") {
  CHECK(slugify("Add user profiles!") == "add_user_profiles");
  CHECK(slugify("  --  ") == "");
  test::TempDir tmp;
  CHECK(readMigrationDir(tmp.file("none")).nextVersion() == "0001");
  tmp.write("0009_a.up.sql", "");
  tmp.write("0009_a.down.sql", "");
  CHECK(readMigrationDir(tmp.path()).nextVersion() == "0010");
  tmp.write("0010_b.up.sql", "");
  CHECK_THROWS_WITH(readMigrationDir(tmp.path()), Catch::Contains("0010_b has no .down.sql"));
  tmp.write("0010_b.down.sql", "");
  tmp.write("notes.sql", "");
  CHECK_THROWS_WITH(readMigrationDir(tmp.path()), Catch::Contains("notes.sql is not named"));
}

TEST_CASE("migrate: the sum file notices edited, added, removed and reordered files", "[migrate]") {
  test::TempDir tmp;
  tmp.write("0001_a.up.sql", "CREATE TABLE a (x INTEGER);\n");
  tmp.write("0001_a.down.sql", "DROP TABLE a;\n");
  CHECK(verifySumFile(tmp.path()).size() == 1); // files but no sum file
  writeSumFile(tmp.path());
  CHECK(verifySumFile(tmp.path()).empty());

  tmp.write("0001_a.up.sql", "CREATE TABLE a (x INTEGER, y TEXT);\n");
  auto edited = verifySumFile(tmp.path());
  REQUIRE(edited.size() == 1);
  CHECK(edited[0].find("0001_a.up.sql: changed") != std::string::npos);
  writeSumFile(tmp.path());

  tmp.write("0002_b.up.sql", "");
  tmp.write("0002_b.down.sql", "");
  CHECK(verifySumFile(tmp.path()).size() == 2);
  writeSumFile(tmp.path());
  std::remove(tmp.file("0002_b.down.sql").c_str());
  auto removed = verifySumFile(tmp.path());
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].find("0002_b.down.sql: listed") != std::string::npos);

  // Lines kept but the first line's directory checksum tampered with.
  writeSumFile(tmp.path());
  std::string sum = test::readFile(tmp.file("tether.sum"));
  sum[5] = sum[5] == '0' ? '1' : '0';
  tmp.write("tether.sum", sum);
  auto tampered = verifySumFile(tmp.path());
  REQUIRE(tampered.size() == 1);
  CHECK(tampered[0].find("directory checksum") != std::string::npos);
}

TEST_CASE("migrate: random bytes never crash or hang the splitter and the sum file reader", "[migrate]") {
  uint32_t state = 12345;
  auto next = [&]() { return state = state * 1103515245u + 12345u; };
  const std::string alphabet = "';\"`[]$-/*\nCREATE TRIGGER BEGIN END tag$ ab \x01\xff";
  test::TempDir tmp;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t len = next() % 200;
    for (size_t i = 0; i < len; ++i)
      text += alphabet[(next() >> 8) % alphabet.size()];
    for (const Dialect *d : {&sqliteDialect(), &postgresDialect()}) {
      auto parts = splitSqlScript(text, *d);
      size_t total = 0;
      for (const auto &p : parts)
        total += p.sql.size();
      CHECK(total <= text.size());
    }
    tmp.write("tether.sum", text);
    tmp.write("0001_a.up.sql", text);
    tmp.write("0001_a.down.sql", "");
    CHECK_FALSE(verifySumFile(tmp.path()).empty()); // never signed: always a mismatch
  }
}
