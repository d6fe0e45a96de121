#include "querylog/fingerprint.h"
#include "querylog/shape.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
Fingerprint fp(const std::string &sql) {
  Fingerprint f;
  fingerprintSql(sql, f);
  return f;
}
} // namespace

TEST_CASE("client-side interpolated values share one shape but not one value", "[querylog]") {
  Fingerprint a = fp("SELECT orders.id FROM orders \n\tWHERE 1 = orders.user_id");
  Fingerprint b = fp("select orders.id from orders where 2 = orders.user_id");
  CHECK(a.text == "select orders.id from orders where ? = orders.user_id");
  CHECK(a.text == b.text);
  CHECK(a.valueHash != b.valueHash);
  CHECK(a.literals == 1);
}

TEST_CASE("placeholders of every style become the same value marker", "[querylog]") {
  const char *expected = "select * from t where a = ? and b = ?";
  CHECK(fp("SELECT * FROM t WHERE a = $1 AND b = $2").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = ? AND b = ?").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = %(param_1)s AND b = %s").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = :a AND b = :b_2").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = 'x''y' AND b = E'it\\'s'").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = $$raw$$ AND b = $q$x$q$").text == expected);
  CHECK(fp("SELECT * FROM t WHERE a = $1 AND b = $2").literals == 0);
}

TEST_CASE("casts stay, comments and trailing semicolons go", "[querylog]") {
  CHECK(fp("SELECT id::text FROM t -- why\nWHERE x = 1.5e3 /* note */;").text ==
        "select id :: text from t where x = ?");
  CHECK(fp("SELECT \"Mixed\".\"Col\" FROM \"Mixed\"").text == "select \"Mixed\".\"Col\" from \"Mixed\"");
}

TEST_CASE("IN, ANY(ARRAY[...]) and VALUES lists collapse whatever their length", "[querylog]") {
  CHECK(fp("SELECT * FROM t WHERE id IN (1, 2, 3)").text == fp("SELECT * FROM t WHERE id IN (7, 8)").text);
  // One value is an equality (issue 16: a batch loader of size 1 is the lookup it stands for).
  CHECK(fp("SELECT * FROM t WHERE id IN (7)").text == "select * from t where id = ?");
  CHECK(fp("SELECT * FROM t WHERE id IN (%(primary_keys_1)s, %(primary_keys_2)s)").text ==
        "select * from t where id in (...)");
  CHECK(fp("SELECT * FROM t WHERE id = ANY(ARRAY[1,2,3])").text ==
        "select * from t where id = any ( array [...] )");
  CHECK(fp("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')").text ==
        "insert into t ( a , b ) values (...)");
  CHECK(fp("SELECT count(*) FROM t").text == "select count ( * ) from t");
}

TEST_CASE("fingerprints read naturally when shown", "[querylog]") {
  CHECK(
      displayFingerprint(fp("SELECT a, count(*) FROM t WHERE id IN (1, 2) AND x = ANY(ARRAY[1, 2])").text) ==
      "select a, count (*) from t where id in (...) and x = any (array [...])");
}

TEST_CASE("malformed SQL never breaks the fingerprinter", "[querylog]") {
  CHECK(fp("SELECT 'unterminated").text == "select ?");
  CHECK(fp("SELECT ((((").text == "select ( ( ( (");
  CHECK(fp(")))]]").text == ") ) ) ] ]");
  CHECK(fp("").text.empty());
  CHECK(fp("SELECT $tag$ never closed").text == "select ?");
}

TEST_CASE("shapes know reads, writes, transactions and catalog probes", "[querylog]") {
  CHECK(analyzeShape(fp("BEGIN").text).kind == ShapeInfo::Kind::Begin);
  CHECK(analyzeShape(fp("COMMIT").text).kind == ShapeInfo::Kind::End);
  CHECK(analyzeShape(fp("ROLLBACK TO SAVEPOINT a").text).kind == ShapeInfo::Kind::Other);
  CHECK(analyzeShape(fp("UPDATE t SET a = 1 WHERE id = 2").text).kind == ShapeInfo::Kind::Write);
  CHECK(analyzeShape(fp("WITH x AS (DELETE FROM t RETURNING id) SELECT * FROM x").text).kind ==
        ShapeInfo::Kind::Write);
  CHECK_FALSE(analyzeShape(fp("INSERT INTO orders (user_id) VALUES (1)").text).lookup());
  ShapeInfo cat = analyzeShape(fp("SELECT relname FROM pg_catalog.pg_class c WHERE c.oid = 5").text);
  CHECK(cat.catalog);
  CHECK_FALSE(cat.lookup());
  CHECK(analyzeShape(fp("SELECT * FROM information_schema.columns WHERE table_name = 'x'").text).catalog);
  CHECK(analyzeShape(fp("SELECT name FROM sqlite_master WHERE type = 'table'").text).catalog);
  CHECK(analyzeShape(fp("SELECT t.oid FROM pg_type t WHERE typname = 'hstore'").text).catalog);
}

TEST_CASE("shapes find the FROM tables and the equality-filtered columns", "[querylog]") {
  ShapeInfo s =
      analyzeShape(fp("SELECT o.id FROM public.orders AS o WHERE 7 = o.user_id AND o.status = 'paid'").text);
  CHECK(s.kind == ShapeInfo::Kind::Read);
  REQUIRE(s.tables == std::vector<std::string>{"orders"});
  REQUIRE(s.equalities.size() == 2);
  CHECK(s.equalities[0] == ColumnRef{"orders", "user_id"});
  CHECK(s.equalities[1] == ColumnRef{"orders", "status"});
  CHECK(s.lookup());

  ShapeInfo m2m = analyzeShape(fp("SELECT tags.id FROM tags, post_tags WHERE %(param_1)s = post_tags.post_id "
                                  "AND tags.id = post_tags.tag_id")
                                   .text);
  CHECK(m2m.tables == std::vector<std::string>{"tags", "post_tags"});
  REQUIRE(m2m.equalities.size() == 1);
  CHECK(m2m.equalities[0] == ColumnRef{"post_tags", "post_id"});
  REQUIRE(m2m.joins.size() == 1);
  CHECK(m2m.joins[0].first == ColumnRef{"tags", "id"});

  ShapeInfo joined =
      analyzeShape(fp("SELECT * FROM a JOIN b ON b.a_id = a.id WHERE b.x = $1 ORDER BY a.id").text);
  CHECK(joined.tables == std::vector<std::string>{"a", "b"});
  CHECK(joined.joins.size() == 1);
  REQUIRE(joined.equalities.size() == 1);
  CHECK(joined.equalities[0] == ColumnRef{"b", "x"});

  // A batched load is not a per-row lookup.
  CHECK_FALSE(analyzeShape(fp("SELECT * FROM orders WHERE orders.user_id IN (1, 2, 3)").text).lookup());
  // = ANY($1) is a batch unless the array bound has one element, which only the values tell.
  CHECK(analyzeShape(fp("SELECT * FROM orders WHERE user_id = ANY($1)").text).anyArray);
  CHECK(fp("SELECT * FROM orders WHERE user_id = ANY(ARRAY[5])").text ==
        fp("SELECT * FROM orders WHERE user_id = 5").text);
  CHECK(fp("SELECT * FROM orders WHERE user_id = ANY(ARRAY[5, 6])").text.find("any") != std::string::npos);
  CHECK_FALSE(analyzeShape(fp("SELECT * FROM users ORDER BY id").text).lookup());
}
