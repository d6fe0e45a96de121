#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
std::string makeShopDb(const TempDir &d) {
  std::string db = d.file("shop.db");
  auto r = runShell("sqlite3 " + shellQuote(db) + " " + shellQuote(R"SQL(
CREATE TABLE users(id INTEGER PRIMARY KEY, email VARCHAR(255) UNIQUE, full_name VARCHAR(200));
CREATE TABLE orders(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), total_amount NUMERIC(10, 2), status VARCHAR(50));
INSERT INTO users VALUES (1, 'a@x', 'A');
INSERT INTO orders VALUES (1, 1, 10, 'paid'), (2, 7, 5, 'new');
)SQL"));
  REQUIRE(r.exitCode == 0);
  return db;
}

// Validates a report with Python's own parsers: json, and xml.etree for JUnit.
RunResult pyCheck(const std::string &file, const std::string &code) {
  return runShell("/usr/bin/python3 -c " + shellQuote(code) + " " + shellQuote(file));
}
} // namespace

TEST_CASE("cli audit: exit codes follow --fail-on, the database file is never written", "[audit][cli]") {
  TempDir d;
  std::string db = makeShopDb(d);
  std::string before = runShell("md5sum < " + shellQuote(db)).out;
  auto r = runTether({"audit", "--db", "sqlite:///" + db});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 1); // an orphan is an error
  CHECK(r.out.find("1 row of orders references a users.id that does not exist (e.g. user_id = 7)") !=
        std::string::npos);
  CHECK(r.out.find("CREATE INDEX \"ix_orders_user_id\"") != std::string::npos);
  CHECK(runTether({"audit", "--db", "sqlite:///" + db, "--fail-on", "never"}).exitCode == 0);
  CHECK(runShell("md5sum < " + shellQuote(db)).out == before);
  CHECK(runShell("ls " + shellQuote(d.path())).out == "shop.db\n"); // no journal or WAL left behind
}

TEST_CASE("cli audit: a missing SQLite file is exit 2 and is not created", "[audit][cli]") {
  TempDir d;
  auto r = runTether({"audit", "--db", "sqlite:///" + d.file("nope.db")});
  CHECK(r.exitCode == 2);
  CHECK(runShell("test -e " + shellQuote(d.file("nope.db"))).exitCode != 0);
  auto none = runTether({"audit"}, d.path());
  CHECK(none.exitCode == 2);
  CHECK(none.err.find("nothing to audit") != std::string::npos);
}

TEST_CASE("cli audit: json, sarif and junit reports parse and carry the findings", "[audit][cli]") {
  TempDir d;
  std::string db = makeShopDb(d);
  auto j = runTether({"audit", "--db", "sqlite:///" + db, "--models", sourceDir() + "/examples/ecommerce",
                      "--format", "json", "-o", d.file("a.json")});
  CHECK(j.exitCode == 1);
  auto pj = pyCheck(d.file("a.json"), R"PY(
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["tool"] == "tether"
o = [f for f in doc["findings"] if f["check"] == "orphan_rows"][0]
assert o["count"] == 1 and o["table"] == "orders" and o["columns"] == ["user_id"]
assert o["references"] == {"table": "users", "columns": ["id"]}
assert o["location"]["file"].endswith("models.yaml") and o["location"]["line"] == 28
assert doc["summary"]["error"] >= 1
print("ok")
)PY");
  INFO(pj.out);
  CHECK(pj.out == "ok\n");
  runTether({"audit", "--db", "sqlite:///" + db, "--models", sourceDir() + "/examples/ecommerce", "--format",
             "sarif", "-o", d.file("a.sarif")});
  auto ps = pyCheck(d.file("a.sarif"), R"PY(
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0"
run = doc["runs"][0]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert "orphan_rows" in rules
for res in run["results"]:
    assert res["ruleId"] in rules and res["level"] in ("error", "warning", "note")
loc = [r for r in run["results"] if r["ruleId"] == "orphan_rows"][0]["locations"][0]["physicalLocation"]
assert loc["region"]["startLine"] == 28
print("ok")
)PY");
  INFO(ps.out);
  CHECK(ps.out == "ok\n");
  runTether({"audit", "--db", "sqlite:///" + db, "--format", "junit", "-o", d.file("a.xml")});
  auto px = pyCheck(d.file("a.xml"), R"PY(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
cases = root.findall(".//testcase")
failed = [c for c in cases if c.find("failure") is not None]
assert any(c.get("classname") == "tether.orphan_rows" for c in failed)
assert any(c.get("classname") == "tether.table_without_primary_key" and c.find("failure") is None for c in cases)
assert int(root.get("failures")) == len(failed)
print("ok")
)PY");
  INFO(px.out);
  CHECK(px.out == "ok\n");
}

TEST_CASE("cli audit: ignore list in tether.yaml and baselines silence accepted findings", "[audit][cli]") {
  TempDir d;
  std::string db = makeShopDb(d);
  d.write("tether.yaml", "db: sqlite:///" + db +
                             "\naudit:\n  ignore:\n    - {check: unindexed_foreign_key, table: orders, "
                             "reason: small table}\n");
  auto r = runTether({"audit", "--format", "json"}, d.path());
  CHECK(r.out.find("unindexed_foreign_key") == std::string::npos);
  CHECK(r.out.find("orphan_rows") != std::string::npos);
  auto w = runTether({"audit", "--write-baseline", "base.txt", "--format", "json"}, d.path());
  CHECK(w.exitCode == 1);
  auto b = runTether({"audit", "--baseline", "base.txt", "--format", "json"}, d.path());
  INFO(b.out << b.err);
  CHECK(b.exitCode == 0);
  CHECK(b.out.find("\"findings\": []") != std::string::npos);
  // A new orphan is not in the baseline: it shows and fails.
  runShell("sqlite3 " + shellQuote(db) +
           " 'CREATE TABLE notes(id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id)); "
           "INSERT INTO notes VALUES (1, 77);'");
  auto n = runTether({"audit", "--baseline", "base.txt", "--format", "json"}, d.path());
  CHECK(n.exitCode == 1);
  CHECK(n.out.find("\"table\": \"notes\"") != std::string::npos);
  d.write("bad.yaml", "audit:\n  ignore:\n    - {check: orphan_rows}\n");
  auto bad = runTether({"--config", d.file("bad.yaml"), "audit", "--db", "sqlite:///" + db});
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("reason") != std::string::npos);
}

TEST_CASE("cli audit: a SQLite TEXT PRIMARY KEY is judged NOT NULL by audit as by plan", "[audit][cli]") {
  // SQLite reports a non-INTEGER primary key as nullable; the model inspect writes says NOT NULL
  // (a key is), and neither plan nor audit may call that drift.
  TempDir dir;
  std::string db = dir.file("tags.db");
  REQUIRE(runShell("sqlite3 " + shellQuote(db) +
                   " 'CREATE TABLE tags (name TEXT PRIMARY KEY, note TEXT); "
                   "CREATE TABLE labels (code VARCHAR(8) NOT NULL, lang TEXT, PRIMARY KEY (code, lang));'")
              .exitCode == 0);
  REQUIRE(runTether({"inspect", "--db", "sqlite:///" + db, "-o", dir.file("m.yaml")}).exitCode == 0);
  RunResult plan =
      runTether({"plan", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + db, "--exit-code"});
  CHECK(plan.exitCode == 0);
  RunResult audit = runTether({"audit", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + db});
  INFO(audit.out << audit.err);
  CHECK(audit.exitCode == 0);
  CHECK(audit.out.find("column_mismatch") == std::string::npos);
  // A real nullability drift on a column that is not a key is still reported.
  std::string yaml = readFile(dir.file("m.yaml"));
  auto at = yaml.find("note:");
  REQUIRE(at != std::string::npos);
  dir.write("drift.yaml", yaml.substr(0, at) + "note: {type: Text, nullable: false}\n" +
                              yaml.substr(yaml.find('\n', at) + 1));
  RunResult drift = runTether({"audit", "--models", dir.file("drift.yaml"), "--db", "sqlite:///" + db});
  INFO(drift.out << drift.err);
  CHECK(drift.out.find("column tags.note differs: nullable in the database, NOT NULL in the models") !=
        std::string::npos);
}
