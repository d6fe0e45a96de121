#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("cli check: the example is valid (exit 0) and prints its one warning", "[cli]") {
  auto r = runTether({"check", "--models", "examples/ecommerce"}, sourceDir());
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("examples/ecommerce/models.yaml:33:7: warning: relationship Order.items deletes") !=
        std::string::npos);
  CHECK(r.out.find("5 models, 5 tables, 8 relationships: 0 error(s), 1 warning(s)") != std::string::npos);
  CHECK(runTether({"check", "--models", "examples/ecommerce", "--strict"}, sourceDir()).exitCode == 1);
}

TEST_CASE("cli check: every error at once, as file:line:column: error:, exit 1", "[cli]") {
  auto r = runTether({"check", "--models", "tests/fixtures/models/broken.yaml"}, sourceDir());
  INFO(r.out << r.err);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("tests/fixtures/models/broken.yaml:7:21: error: unknown type 'Strin'") !=
        std::string::npos);
  CHECK(r.out.find("hint: did you mean 'String'?") != std::string::npos);
  CHECK(r.out.find("tests/fixtures/models/broken.yaml:9:7: error: relationship User.orders targets unknown "
                   "model 'Ordr'") != std::string::npos);
  CHECK(r.out.find("tests/fixtures/models/broken.yaml:14:45: error: foreign key of orders references unknown "
                   "table 'user'") != std::string::npos);
  // The source line and a caret under the column.
  CHECK(r.out.find("\n        user_id: {type: Integer, foreign_key: user.id}\n"
                   "                                              ^\n") != std::string::npos);
}

TEST_CASE("cli check: unparsable YAML and missing paths are exit 2", "[cli]") {
  auto r = runTether({"check", "--models", "tests/fixtures/models/syntax_error.yaml"}, sourceDir());
  CHECK(r.exitCode == 2);
  CHECK(r.out.find("syntax_error.yaml:") != std::string::npos);
  CHECK(r.out.find("error: invalid YAML") != std::string::npos);
  auto missing = runTether({"check", "--models", "does/not/exist"}, sourceDir());
  CHECK(missing.exitCode == 2);
  CHECK(missing.out.find("does not exist") != std::string::npos);
  TempDir d;
  d.write("bin.yaml", std::string("\x7f"
                                  "ELF\0\0\x01garbage",
                                  12));
  CHECK(runTether({"check", "--models", d.file("bin.yaml")}).exitCode == 2);
}

TEST_CASE("cli check: --format json lists diagnostics with locations", "[cli]") {
  auto r =
      runTether({"check", "--models", "tests/fixtures/models/broken.yaml", "--format", "json"}, sourceDir());
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("\"code\": \"unknown-type\"") != std::string::npos);
  CHECK(r.out.find("\"line\": 7, \"column\": 21") != std::string::npos);
  CHECK(r.out.find("\"summary\": {\"error\": 3") != std::string::npos);
}

TEST_CASE("cli: bad flags are exit 2, --help and --version exit 0", "[cli]") {
  CHECK(runTether({"check", "--no-such-flag"}).exitCode == 2);
  CHECK(runTether({"erd", "--format", "png", "--models", sourceDir() + "/examples/ecommerce"}).exitCode == 2);
  auto h = runTether({"check", "--help"});
  CHECK(h.exitCode == 0);
  CHECK(h.out.find("Example") != std::string::npos);
  auto v = runTether({"--version"});
  CHECK(v.exitCode == 0);
  CHECK(v.out.find("tether ") == 0);
}

TEST_CASE("cli erd: mermaid draws crow's-foot cardinality for each relationship kind", "[cli]") {
  auto r = runTether({"erd", "--models", "examples/ecommerce"}, sourceDir());
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.rfind("erDiagram\n", 0) == 0);
  CHECK(r.out.find("User ||--o{ Order : \"User.orders, Order.user\"") != std::string::npos);
  CHECK(r.out.find("User ||--o| UserProfile : \"User.profile, UserProfile.user\"") != std::string::npos);
  CHECK(r.out.find("Product ||--o{ OrderItem") != std::string::npos);
}

TEST_CASE("cli erd: many-to-many goes through the association table and DOT renders with Graphviz", "[cli]") {
  TempDir d;
  d.write("m.yaml", R"YAML(models:
  Post:
    table: posts
    columns:
      id: {type: Integer, primary_key: true}
      parent_id: {type: Integer, foreign_key: posts.id}
    relationships:
      tags: {model: Tag, secondary: post_tags, back_populates: posts}
      parent: {model: Post, remote_side: [id], back_populates: replies}
      replies: {model: Post, back_populates: parent}
  Tag:
    table: tags
    columns:
      id: {type: Integer, primary_key: true}
    relationships:
      posts: {model: Post, secondary: post_tags, back_populates: tags}
tables:
  post_tags:
    columns:
      post_id: {type: Integer, foreign_key: posts.id, primary_key: true}
      tag_id: {type: Integer, foreign_key: tags.id, primary_key: true}
)YAML");
  auto m = runTether({"erd", "--models", d.file("m.yaml")});
  INFO(m.err);
  REQUIRE(m.exitCode == 0);
  CHECK(m.out.find("Post ||--o{ post_tags : \"Post.tags, Tag.posts\"") != std::string::npos);
  CHECK(m.out.find("Tag ||--o{ post_tags : \"Post.tags, Tag.posts\"") != std::string::npos);
  CHECK(m.out.find("Post |o--o{ Post : \"Post.parent, Post.replies\"") != std::string::npos);
  auto dot = runTether({"erd", "--models", d.file("m.yaml"), "--format", "dot"});
  REQUIRE(dot.exitCode == 0);
  d.write("g.dot", dot.out);
  auto rendered = runShell("dot -Tsvg " + shellQuote(d.file("g.dot")) + " -o " + shellQuote(d.file("g.svg")));
  INFO(rendered.out);
  CHECK(rendered.exitCode == 0);
  CHECK(readFile(d.file("g.svg")).find("<svg") != std::string::npos);
}

TEST_CASE("cli erd: subclasses get their own box and an inheritance edge, joined and single-table", "[cli]") {
  auto r = runTether({"erd", "--models", fixture("sqla/joined_base_fk.yaml")});
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  // The single-table subclass's column moves from the base's box into its own, and its foreign key
  // starts from it.
  CHECK(r.out.find("  Contractor {\n    Integer agency_id FK\n  }") != std::string::npos);
  CHECK(r.out.find("Agency |o--o{ Contractor : \"Contractor.agency, Agency.contractors\"") !=
        std::string::npos);
  CHECK(r.out.find("  Staff {\n    Integer id PK\n    String kind \"String(20), not null\"\n    Integer "
                   "office_id FK\n  }") != std::string::npos);
  CHECK(r.out.find("Staff ||--o| Contractor : \"Contractor inherits Staff (single table, identity "
                   "contractor)\"") != std::string::npos);
  // The joined subclass's key to its base is the inheritance, not a relationship; its relationship
  // rides on the base table's foreign key.
  CHECK(r.out.find("Staff ||--o| Manager : \"Manager inherits Staff (joined, identity manager)\"") !=
        std::string::npos);
  CHECK(r.out.find("Office |o--o{ Staff : \"Office.managers, Manager.office\"") != std::string::npos);
  TempDir d;
  auto dot = runTether({"erd", "--models", fixture("sqla/joined_base_fk.yaml"), "--format", "dot"});
  REQUIRE(dot.exitCode == 0);
  CHECK(dot.out.find("\"Staff\" -> \"Contractor\" [arrowhead=none, arrowtail=empty, style=dashed") !=
        std::string::npos);
  d.write("g.dot", dot.out);
  CHECK(
      runShell("dot -Tsvg " + shellQuote(d.file("g.dot")) + " -o " + shellQuote(d.file("g.svg"))).exitCode ==
      0);
}
