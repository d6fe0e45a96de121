// ON DELETE SET NULL (columns) (PostgreSQL 15): a composite key that clears only some of its
// columns. inspect wrote plain SET NULL for it, which check then rejected on the NOT NULL column.
#include "model_test_util.h"
#include "support.h"

using namespace tether;
using namespace tether::test;

namespace {
const std::string kModels =
    "tables:\n"
    "  customers:\n"
    "    columns:\n"
    "      account_id: {type: Integer, primary_key: true}\n"
    "      id: {type: Integer, primary_key: true}\n"
    "  orders:\n"
    "    columns:\n"
    "      id: {type: Integer, primary_key: true}\n"
    "      account_id: {type: Integer, nullable: false}\n"
    "      customer_id: {type: Integer}\n"
    "    foreign_keys:\n"
    "      - {columns: [account_id, customer_id], references: {table: customers, columns: "
    "[account_id, id]}, on_delete: ";
} // namespace

TEST_CASE("delete action: SET NULL with a column list loads, and clears only the columns it names",
          "[model][fk]") {
  LoadResult ok = load(kModels + "\"SET NULL (customer_id)\"}\n");
  INFO(dump(ok));
  CHECK_FALSE(ok.diags.hasErrors());
  const ForeignKey &fk = ok.model.schema.table("orders")->foreignKeys.at(0);
  CHECK(fk.onDelete == FkAction::SetNull);
  CHECK(fk.onDeleteColumns == std::vector<std::string>{"customer_id"});
  CHECK(deleteActionText(fk) == "SET NULL (customer_id)");

  // Without the list the NOT NULL account_id would be cleared too: the database refuses that.
  REQUIRE_DIAG(load(kModels + "SET NULL}\n"), "set-null-not-nullable", 12, 9);
  REQUIRE_DIAG(load(kModels + "\"SET NULL (missing)\"}\n"), "unknown-column", 12, 9);
  REQUIRE_DIAG(load(kModels + "\"CASCADE (customer_id)\"}\n"), "bad-action", 12, 116);
  REQUIRE_DIAG(load(kModels + "\"SET NULL ()\"}\n"), "bad-action", 12, 116);
}

TEST_CASE("delete action: SQLite takes no column list, said by check --dialect sqlite at the key",
          "[model][fk][sqlite]") {
  TempDir dir;
  dir.write("m.yaml", kModels + "\"SET NULL (customer_id)\"}\n");
  RunResult r = runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "sqlite"});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("m.yaml:12:9: error: foreign key of orders -> customers: sqlite cannot build") !=
        std::string::npos);
  CHECK(r.out.find("SQLite sets every column of the key") != std::string::npos);
  CHECK(runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "postgresql"}).exitCode == 0);
}
