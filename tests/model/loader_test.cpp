#include "model_test_util.h"
#include "support.h"

using namespace tether;
using namespace tether::test;

TEST_CASE("loader: the e-commerce example loads with every relationship resolved", "[model]") {
  LoadResult r = loadModels(sourceDir() + "/examples/ecommerce");
  INFO(dump(r));
  REQUIRE(r.ok());
  REQUIRE(r.model.classes.size() == 5);
  const Table *items = r.model.schema.table("order_items");
  REQUIRE(items);
  CHECK(items->primaryKey == std::vector<std::string>{"id"});
  CHECK(items->column("id")->autoincrement);
  CHECK_FALSE(items->column("order_id")->nullable);
  CHECK(items->column("unit_price")->type.str() == "Numeric(10, 2)");
  CHECK(items->foreignKeys.size() == 2);
  CHECK(items->indexes.size() == 2);
  CHECK(items->indexes[0].name == "ix_order_items_order_id");
  const Table *users = r.model.schema.table("users");
  REQUIRE(users->uniques.size() == 1);
  CHECK(users->uniques[0].columns == std::vector<std::string>{"email"});
  CHECK(users->column("full_name")->nullable);

  auto kind = [&](const std::string &cls, const std::string &rel) {
    return r.model.cls(cls)->relationship(rel)->kind;
  };
  CHECK(kind("User", "orders") == RelationKind::OneToMany);
  CHECK(kind("User", "profile") == RelationKind::OneToOne);
  CHECK(kind("UserProfile", "user") == RelationKind::ManyToOne);
  CHECK(kind("Order", "items") == RelationKind::OneToMany);
  CHECK(kind("OrderItem", "product") == RelationKind::ManyToOne);
  CHECK(r.model.cls("User")->relationship("orders")->fkTable == "orders");
  // The only finding on the example: the ORM cascade without ON DELETE.
  REQUIRE(r.diags.warningCount() == 1);
  CHECK(find(r, "cascade-without-on-delete"));
}

TEST_CASE("loader: positions point at the offending node (1-based line and column)", "[model]") {
  auto r = load("models:\n  A:\n    table: a\n    columns:\n      id: {type: Intger, primary_key: true}\n");
  REQUIRE_DIAG(r, "unknown-type", 5, 18);
  CHECK(r.diags.errorCount() == 1);
  CHECK(find(r, "unknown-type")->hint == "did you mean 'Integer'?");
}

TEST_CASE("loader: flow mappings keep Numeric(10, 2) whole", "[model]") {
  auto r = load("models:\n  A:\n    table: a\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                "      p: {type: Numeric(10, 2), nullable: false}\n"
                "      s: {type: Enum(new, paid, name=st), default: new}\n");
  INFO(dump(r));
  REQUIRE(r.ok());
  const Column *p = r.model.schema.table("a")->column("p");
  CHECK(p->type.precision == 10);
  CHECK(p->type.scale == 2);
  CHECK_FALSE(p->nullable);
  const Column *s = r.model.schema.table("a")->column("s");
  CHECK(s->type.enumValues == std::vector<std::string>{"new", "paid"});
  CHECK(s->defaultValue.kind == ColumnDefault::Kind::String);
  REQUIRE(r.model.schema.enums.size() == 1);
  CHECK(r.model.schema.enums[0].name == "st");
}

TEST_CASE("loader: every type of the type table, per-dialect types and defaults", "[model]") {
  auto r = load(R"YAML(models:
  T:
    table: t
    columns:
      id: {type: BigInteger, primary_key: true}
      a: SmallInteger
      b: String
      c: Text
      d: Float
      e: {type: Boolean, default: true}
      f: Date
      g: Time
      h: DateTime
      i: DateTime(timezone=True)
      j: LargeBinary
      k: JSON
      l: Uuid
      m: {type: {postgresql: jsonb, sqlite: TEXT}}
      n: {type: Integer, default: 42}
      o: {type: String(10), default: 'x'}
      p: {type: DateTime, default: {sql: "now()"}}
      q: {type: string(5)}
)YAML");
  INFO(dump(r));
  REQUIRE(r.ok());
  const Table *t = r.model.schema.table("t");
  CHECK(t->column("id")->autoincrement);
  CHECK(t->column("i")->type.timezone);
  CHECK(t->column("m")->type.kind == TypeKind::Custom);
  CHECK(t->column("m")->type.perDialect.at("postgresql") == "jsonb");
  CHECK(t->column("e")->defaultValue == ColumnDefault{ColumnDefault::Kind::Boolean, "true"});
  CHECK(t->column("n")->defaultValue == ColumnDefault{ColumnDefault::Kind::Number, "42"});
  CHECK(t->column("o")->defaultValue == ColumnDefault{ColumnDefault::Kind::String, "x"});
  CHECK(t->column("p")->defaultValue == ColumnDefault{ColumnDefault::Kind::Sql, "now()"});
  CHECK(t->column("q")->type.length == 5);
}

TEST_CASE("loader: composite keys, composite FKs, referential actions, association tables", "[model]") {
  auto r = load(R"YAML(models:
  Parent:
    table: parent
    columns:
      x: Integer
      y: Integer
    primary_key: [x, y]
    relationships:
      children: {model: Child, back_populates: parent}
  Child:
    table: child
    columns:
      id: {type: Integer, primary_key: true}
      px: {type: Integer, nullable: false}
      py: {type: Integer, nullable: false}
    foreign_keys:
      - {columns: [px, py], references: {table: parent, columns: [x, y]}, on_delete: CASCADE, on_update: SET DEFAULT}
    relationships:
      parent: {model: Parent, back_populates: children}
      tags: {model: Tag, secondary: child_tags, back_populates: children}
  Tag:
    table: tags
    columns:
      id: {type: Integer, primary_key: true}
    relationships:
      children: {model: Child, secondary: child_tags, back_populates: tags}
tables:
  child_tags:
    columns:
      child_id: {type: Integer, foreign_key: {column: child.id, on_delete: CASCADE}, primary_key: true}
      tag_id: {type: Integer, foreign_key: tags.id, primary_key: true}
)YAML");
  INFO(dump(r));
  REQUIRE(r.ok());
  const Table *parent = r.model.schema.table("parent");
  CHECK(parent->primaryKey == std::vector<std::string>{"x", "y"});
  CHECK_FALSE(parent->column("x")->autoincrement);
  const ForeignKey &fk = r.model.schema.table("child")->foreignKeys[0];
  CHECK(fk.onDelete == FkAction::Cascade);
  CHECK(fk.onUpdate == FkAction::SetDefault);
  CHECK(r.model.cls("Parent")->relationship("children")->kind == RelationKind::OneToMany);
  const Relationship *tags = r.model.cls("Child")->relationship("tags");
  CHECK(tags->kind == RelationKind::ManyToMany);
  CHECK(tags->fkTable == "child_tags");
  CHECK(r.model.schema.table("child_tags")->foreignKeys[0].onDelete == FkAction::Cascade);
  CHECK_FALSE(r.model.schema.table("child_tags")->column("child_id")->autoincrement);
}

TEST_CASE("loader: self-referential relationships use remote_side for the many-to-one side", "[model]") {
  auto r = load(R"YAML(models:
  Author:
    table: authors
    columns:
      id: {type: Integer, primary_key: true}
      mentor_id: {type: Integer, foreign_key: authors.id}
    relationships:
      mentor: {model: Author, remote_side: [id], back_populates: mentees}
      mentees: {model: Author, back_populates: mentor}
)YAML");
  INFO(dump(r));
  REQUIRE(r.ok());
  CHECK(r.model.cls("Author")->relationship("mentor")->kind == RelationKind::ManyToOne);
  CHECK(r.model.cls("Author")->relationship("mentees")->kind == RelationKind::OneToMany);
}

TEST_CASE("loader: a directory merges files in sorted order and reports cross-file duplicates", "[model]") {
  TempDir d;
  d.write("a.yaml",
          "models:\n  User:\n    table: users\n    columns:\n      id: {type: Integer, primary_key: true}\n");
  d.write("b.yml",
          "models:\n  User:\n    table: people\n    columns:\n      id: {type: Integer, primary_key: true}\n"
          "tables:\n  users:\n    columns:\n      id: Integer\n");
  d.write("notes.txt", "not a model");
  LoadResult r = loadModels(d.path());
  REQUIRE_DIAG(r, "duplicate-model", 2, 3);
  const Diagnostic *dm = find(r, "duplicate-model");
  CHECK(dm->where.file == d.file("b.yml"));
  CHECK(dm->hint.find(d.file("a.yaml") + ":2:3") != std::string::npos);
  REQUIRE_DIAG(r, "duplicate-table", 7, 3);
  CHECK(r.model.files.size() == 2);
}
