#include "dialect/sqlite/sqlite_ddl_reader.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include <catch2/catch.hpp>

using namespace tether::sqlite;

TEST_CASE("sqlite: the tokenizer reads every quoting style and skips comments", "[sqlite]") {
  auto t = tokenize("CREATE \"a \"\"b\"\"\" `c``d` [e f] 'it''s' -- comment ( \n /* ) */ 12.5e-3 ,");
  REQUIRE(t.size() == 7);
  CHECK(t[0].isKeyword("create"));
  CHECK(t[1].kind == Token::Kind::QuotedName);
  CHECK(t[1].value == "a \"b\"");
  CHECK(t[2].value == "c`d");
  CHECK(t[3].value == "e f");
  CHECK(t[4].kind == Token::Kind::String);
  CHECK(t[4].value == "it's");
  CHECK(t[5].kind == Token::Kind::Number);
  CHECK(t[5].text == "12.5e-3");
  CHECK(t[6].isPunct(','));
}

TEST_CASE("sqlite: the tokenizer survives unterminated quotes and comments", "[sqlite]") {
  CHECK(tokenize("'open").size() == 1);
  CHECK(tokenize("\"open").size() == 1);
  CHECK(tokenize("/* open").empty());
  CHECK(tokenize("").empty());
}

TEST_CASE("sqlite: constraint names come from the CREATE TABLE text, quoted or not", "[sqlite]") {
  auto named = namedConstraints(
      "CREATE TABLE \"t\" (\n"
      "  id INTEGER, \"a,b\" TEXT CONSTRAINT \"uq a\" UNIQUE, -- CONSTRAINT fake UNIQUE (x)\n"
      "  p INT CONSTRAINT fk_p REFERENCES parent (id),\n"
      "  note TEXT DEFAULT 'CONSTRAINT no UNIQUE (note)',\n"
      "  CONSTRAINT pk_t PRIMARY KEY (id),\n"
      "  CONSTRAINT [uq two] UNIQUE (p, \"a,b\"),\n"
      "  CONSTRAINT `fk two` FOREIGN KEY (p, id) REFERENCES parent (x, y) ON DELETE CASCADE,\n"
      "  CONSTRAINT ck CHECK (p > 0), UNIQUE (note)\n"
      ")");
  REQUIRE(named.size() == 6);
  CHECK(named[0].name == "uq a");
  CHECK(named[0].kind == NamedConstraint::Kind::Unique);
  CHECK(named[0].columns == std::vector<std::string>{"a,b"});
  CHECK(named[1].name == "fk_p");
  CHECK(named[1].kind == NamedConstraint::Kind::ForeignKey);
  CHECK(named[2].name == "pk_t");
  CHECK(named[3].name == "uq two");
  CHECK(named[3].columns == std::vector<std::string>{"p", "a,b"});
  CHECK(named[4].name == "fk two");
  CHECK(named[4].columns == std::vector<std::string>{"p", "id"});
  CHECK(named[5].kind == NamedConstraint::Kind::Check);
}

TEST_CASE("sqlite: a partial index's predicate is read after its column list", "[sqlite]") {
  CHECK(indexPredicate("CREATE INDEX \"i (where\" ON t (a, \"b)\") WHERE a > 0 AND b = 'x)'") ==
        "a > 0 AND b = 'x)'");
  CHECK(indexPredicate("CREATE INDEX i ON t (a)").empty());
}
