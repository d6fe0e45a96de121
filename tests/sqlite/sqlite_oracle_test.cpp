// SQLAlchemy and Alembic as independent oracles (tests/fixtures/schema/sa_oracle.py): a database
// built by create_all() plans to nothing, and what tether applies satisfies compare_metadata.
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
RunResult oracle(const std::string &schema, const std::string &action, const std::string &db) {
  return runShell("/usr/bin/python3 " + shellQuote(fixture("schema/sa_oracle.py")) + " " + schema + " " +
                  action + " " + shellQuote(db));
}

std::string modelsFor(const std::string &schema) {
  return schema == "ecommerce" ? sourceDir() + "/examples/ecommerce/models.yaml"
                               : fixture("schema/everything.yaml");
}
} // namespace

TEST_CASE("sqlite: a database built by SQLAlchemy's create_all() shows no drift", "[sqlite]") {
  for (std::string schema : {"ecommerce", "everything"}) {
    SECTION(schema) {
      TempDir dir;
      std::string db = dir.file("sa.db");
      RunResult made = oracle(schema, "create", db);
      INFO(made.out);
      REQUIRE(made.exitCode == 0);
      RunResult plan =
          runTether({"plan", "--models", modelsFor(schema), "--db", "sqlite:///" + db, "--exit-code"});
      INFO(plan.out << plan.err);
      CHECK(plan.exitCode == 0);
      CHECK(plan.out.empty());
    }
  }
}

TEST_CASE("sqlite: what tether applies satisfies Alembic's compare_metadata", "[sqlite]") {
  for (std::string schema : {"ecommerce", "everything"}) {
    SECTION(schema) {
      TempDir dir;
      std::string db = dir.file("t.db");
      RunResult apply =
          runTether({"apply", "--models", modelsFor(schema), "--db", "sqlite:///" + db, "--yes"});
      INFO(apply.out << apply.err);
      REQUIRE(apply.exitCode == 0);
      RunResult cmp = oracle(schema, "compare", db);
      INFO(cmp.out);
      CHECK(cmp.exitCode == 0);
    }
  }
}

TEST_CASE("sqlite: Alembic notices when the database lacks what the models declare", "[sqlite]") {
  // The oracle itself can fail: an empty database is not the e-commerce schema.
  TempDir dir;
  runTether({"apply", "--models", fixture("schema/everything.yaml"), "--db", "sqlite:///" + dir.file("x.db"),
             "--yes"});
  CHECK(oracle("ecommerce", "compare", dir.file("x.db")).exitCode == 1);
}
