// Index options in the model format: loaded with their positions, errors where they are wrong.
#include "diff/match.h"
#include "drivers/open.h"
#include "model_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
const char *kHead = "tables:\n"
                    "  users:\n"
                    "    columns:\n"
                    "      id: {type: Integer, primary_key: true}\n"
                    "      tenant_id: {type: Integer}\n"
                    "      email: {type: String(200)}\n"
                    "      deleted_at: {type: DateTime}\n"
                    "    indexes:\n";
} // namespace

TEST_CASE("index options: every key loads into the index, in element order", "[model][index_options]") {
  LoadResult r =
      load(std::string(kHead) +
           "      - name: ix_users_tenant_email\n"
           "        unique: true\n"
           "        columns: [tenant_id, {expression: \"lower(email)\", order: desc, nulls: last}]\n"
           "        where: deleted_at IS NULL\n"
           "      - {columns: [{column: email, opclass: text_pattern_ops}], include: [tenant_id],\n"
           "         nulls_not_distinct: true, unique: true}\n"
           "      - {name: ix_users_expr, using: hash, expressions: [\"upper(email)\"]}\n"
           "      - {columns: [tenant_id, {column: email, order: desc, nulls: first}]}\n");
  INFO(dump(r));
  REQUIRE_FALSE(r.diags.hasErrors());
  const Table *t = r.model.schema.table("users");
  REQUIRE(t->indexes.size() == 4);
  const Index &a = t->indexes[0];
  CHECK(a.columns == std::vector<std::string>{"tenant_id", "lower(email)"});
  CHECK(a.predicate == "deleted_at IS NULL");
  CHECK(a.hasExpressions);
  CHECK_FALSE(indexKeyAt(a, 0).expression);
  CHECK(indexKeyAt(a, 1).expression);
  CHECK(indexKeyAt(a, 1).order == "desc");
  CHECK(indexKeyAt(a, 1).nulls == "last");
  const Index &b = t->indexes[1];
  CHECK(b.name == "ix_users_email");
  CHECK(indexKeyAt(b, 0).opclass == "text_pattern_ops");
  CHECK(b.include == std::vector<std::string>{"tenant_id"});
  CHECK(b.nullsNotDistinct);
  CHECK(t->indexes[2].method == "hash");
  CHECK(indexKeyAt(t->indexes[2], 0).expression);
  // DESC NULLS FIRST is descending's default: the same index as plain DESC.
  CHECK(indexKeyAt(t->indexes[3], 1).nulls.empty());
  CHECK_FALSE(isPlainIndex(t->indexes[3]));
}

TEST_CASE("index options: wrong values and unknown columns are errors at their position",
          "[model][index_options]") {
  REQUIRE_DIAG(load(std::string(kHead) + "      - {name: ix_a, columns: [id], using: bitmap}\n"), "bad-value",
               9, 44);
  REQUIRE_DIAG(load(std::string(kHead) + "      - {name: ix_a, columns: [{column: id, order: down}]}\n"),
               "bad-value", 9, 52);
  REQUIRE_DIAG(
      load(std::string(kHead) + "      - {name: ix_a, columns: [{column: id, expression: \"id + 1\"}]}\n"),
      "bad-index-element", 9, 32);
  REQUIRE_DIAG(load(std::string(kHead) + "      - {name: ix_a, columns: [id], include: [nope]}\n"),
               "unknown-column", 9, 9);
  REQUIRE_DIAG(load(std::string(kHead) + "      - {expressions: [\"lower(email)\"]}\n"), "bad-index", 9, 9);
  REQUIRE_DIAG(load(std::string(kHead) + "      - {name: ix_a, columns: [{column: id, sort: desc}]}\n"),
               "unknown-key", 9, 45);
}

TEST_CASE("index options: PostgreSQL's re-printing of an expression or predicate is no drift",
          "[model][index_options]") {
  const Dialect &pg = dialectByName("postgresql");
  CHECK(pg.sameSqlExpression("lower(email)", "lower((email)::text)"));
  CHECK(pg.sameSqlExpression("deleted_at IS NULL", "(deleted_at IS NULL)"));
  CHECK(pg.sameSqlExpression("to_tsvector('english', body)", "to_tsvector('english'::regconfig, body)"));
  CHECK(pg.sameSqlExpression("status IN ('active', 'trial')",
                             "((status)::text = ANY ((ARRAY['active'::character varying, "
                             "'trial'::character varying])::text[]))"));
  CHECK(pg.sameSqlExpression("balance > 1", "(balance > '1'::integer)"));
  CHECK_FALSE(pg.sameSqlExpression("lower(email)", "upper(email)"));
  CHECK_FALSE(pg.sameSqlExpression("(data->>'a')::int", "data->>'a'"));
  CHECK_FALSE(pg.sameSqlExpression("deleted_at IS NULL", "deleted_at IS NOT NULL"));
  CHECK_FALSE(pg.sameSqlExpression("status IN ('a')", "status NOT IN ('a')"));
  const Dialect &lite = dialectByName("sqlite");
  CHECK(lite.sameSqlExpression("lower(email)", "LOWER( email )"));
  CHECK_FALSE(lite.sameSqlExpression("lower(email)", "lower(name)"));

  Index model, db;
  model.name = db.name = "ix";
  model.columns = db.columns = {"lower(email)"};
  model.keys = {IndexKey{true, "", "", ""}};
  db.columns = {"lower((email)::text)"};
  db.keys = model.keys;
  db.method = "btree";
  model.predicate = "deleted_at IS NULL";
  db.predicate = "(deleted_at IS NULL)";
  CHECK(matchesIndex(model, db, pg));
  db.keys[0].order = "desc";
  CHECK_FALSE(matchesIndex(model, db, pg));
  db.keys[0].order.clear();
  db.method = "gin";
  CHECK_FALSE(matchesIndex(model, db, pg));
}
