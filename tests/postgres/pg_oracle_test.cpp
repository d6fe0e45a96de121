// SQLAlchemy and Alembic as independent oracles: what create_all() builds must show no drift
// against the same models, and what tether builds must satisfy Alembic's compare_metadata.
#include "dialect/postgres/postgres.h"
#include "diff/differ.h"
#include "pg_test_util.h"
#include "plan/plan.h"
#include "yaml/loader.h"

using namespace tether;
using namespace tether::test;

namespace {
RunResult oracle(const std::string &mode, const PgDatabase &db) {
  return runShell("/usr/bin/python3 " + shellQuote(fixture("postgres/ecommerce_sqlalchemy.py")) + " " + mode +
                  " " + shellQuote(db.url()));
}

Schema ecommerceModels() {
  LoadResult r = loadModels(sourceDir() + "/examples/ecommerce");
  REQUIRE(r.ok());
  return r.model.schema;
}

std::string describeAll(const std::vector<Change> &changes) {
  std::string s;
  for (const auto &c : changes)
    s += c.describe() + "\n";
  return s;
}
} // namespace

TEST_CASE("postgres oracle: a database built by SQLAlchemy's create_all() shows no drift", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  RunResult made = oracle("create", db);
  INFO(made.out);
  REQUIRE(made.exitCode == 0);
  auto conn = openDb(db);
  Schema live = conn->introspect();
  REQUIRE(live.tables.size() == 5);
  std::vector<Change> changes = diffSchemas(ecommerceModels(), live, postgresDialect());
  INFO(describeAll(changes));
  CHECK(changes.empty());
}

TEST_CASE("postgres oracle: what tether builds satisfies Alembic's compare_metadata", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  auto conn = openDb(db);
  Schema models = ecommerceModels();
  Plan plan = makePlan(models, conn->introspect(), postgresDialect());
  REQUIRE_FALSE(plan.empty());
  conn->apply(plan.steps);
  CHECK(makePlan(models, conn->introspect(), postgresDialect()).empty());
  RunResult compared = oracle("compare", db);
  INFO(compared.out);
  CHECK(compared.exitCode == 0);
}
