// Reads model files into the in-memory Model. Structural problems (unknown keys, bad values,
// unknown types) are reported here; cross-references are checked by the validator afterwards.
#include "core/error.h"
#include "core/nesting_bound.h"
#include "core/safe_file.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "yaml/check_loader.h"
#include "yaml/deferrable_loader.h"
#include "yaml/generated_value_loader.h"
#include "yaml/index_loader.h"
#include "yaml/loader.h"
#include "yaml/model_validator.h"
#include "yaml/relationship_resolver.h"
#include "yaml/sequence_loader.h"
#include "yaml/yaml_nodes.h"
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <yaml-cpp/exceptions.h>

namespace tether {

using namespace yamlin;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopKeys = {"version", "models", "tables", "unmanaged"};
const std::vector<std::string> kUnmanagedKeys = {"kind", "name", "table", "definition"};
const std::vector<std::string> kModelKeys = {
    "table",          "renamed_from",         "columns",      "relationships", "indexes",
    "unique",         "foreign_keys",         "primary_key",  "comment",       "inherits",
    "polymorphic_on", "polymorphic_identity", "partition_by", "checks"};
const std::vector<std::string> kTableKeys = {"renamed_from", "columns",      "indexes",
                                             "unique",       "foreign_keys", "primary_key",
                                             "comment",      "partition_by", "checks"};
const std::vector<std::string> kColumnKeys = {
    "type",        "primary_key",   "nullable", "unique",       "index",          "default",
    "foreign_key", "autoincrement", "comment",  "renamed_from", "server_default", "onupdate",
    "computed",    "identity",      "check",    "collation",    "sequence"};
const std::vector<std::string> kFkKeys = {"column", "on_delete",  "on_update",
                                          "name",   "deferrable", "initially"};
const std::vector<std::string> kCompositeFkKeys = {"columns", "references", "on_delete", "on_update",
                                                   "name",    "deferrable", "initially"};
const std::vector<std::string> kRefKeys = {"table", "columns", "schema"};
const std::vector<std::string> kUniqueKeys = {"columns", "name", "deferrable", "initially"};
const std::vector<std::string> kRelKeys = {
    "model",       "back_populates", "uselist",  "secondary",       "foreign_keys",
    "remote_side", "cascade",        "lazy",     "passive_deletes", "single_parent",
    "primaryjoin", "secondaryjoin",  "viewonly", "order_by",        "collection_class"};
const std::vector<std::string> kLazyValues = {"select",       "selectin",  "joined",  "subquery",
                                              "raise",        "noload",    "dynamic", "immediate",
                                              "raise_on_sql", "write_only"};

class FileLoader {
public:
  FileLoader(std::string file, Model &model, Diagnostics &diags, std::map<std::string, SourceLoc> &classDefs,
             std::map<std::string, SourceLoc> &tableDefs)
      : file_(std::move(file)), model_(model), diags_(diags), classDefs_(classDefs), tableDefs_(tableDefs) {}

  void load(const yamlin::Node &root) {
    if (root.IsNull()) {
      diags_.warning({file_, 1, 1}, "empty-file", "model file is empty");
      return;
    }
    if (!root.IsMap()) {
      diags_.error(locOf(file_, root), "bad-top-level",
                   "a model file must be a mapping with 'models:' and/or 'tables:'",
                   "start the file with `models:`");
      return;
    }
    auto es = entries(file_, root, diags_, "the top level");
    checkKeys(file_, es, kTopKeys, diags_, "the top level");
    for (const auto &e : es) {
      if (e.key == "version") {
        if (!e.value.IsScalar() || (e.text != "1" && e.text != "2"))
          diags_.error(locOf(file_, e.value), "bad-version",
                       "unsupported model format version '" + e.text + "'",
                       "this tether reads versions 1 and 2");
        else
          version_ = std::stoi(e.text);
      }
    }
    for (const auto &e : es) {
      if (e.key == "version") {
        continue;
      } else if (e.key == "models") {
        if (e.value.IsNull()) continue;
        if (!e.value.IsMap()) {
          diags_.error(locOf(file_, e.value), "bad-value", "'models' must map class names to models");
          continue;
        }
        for (const auto &m : entries(file_, e.value, diags_, "models"))
          loadModel(m);
      } else if (e.key == "tables") {
        if (e.value.IsNull()) continue;
        if (!e.value.IsMap()) {
          diags_.error(locOf(file_, e.value), "bad-value", "'tables' must map table names to tables");
          continue;
        }
        for (const auto &t : entries(file_, e.value, diags_, "tables"))
          loadPlainTable(t);
      } else if (e.key == "unmanaged") {
        loadUnmanaged(e);
      }
    }
  }

private:
  void loadModel(const Entry &m) {
    auto prev = classDefs_.find(m.key);
    if (prev != classDefs_.end()) {
      diags_.error(m.keyLoc, "duplicate-model", "model '" + m.key + "' is defined twice",
                   "the other definition is at " + prev->second.str());
      return;
    }
    classDefs_.emplace(m.key, m.keyLoc);
    if (!m.value.IsMap()) {
      diags_.error(locOf(file_, m.value), "bad-value",
                   "model '" + m.key + "' must be a mapping with table: and columns:");
      return;
    }
    auto es = entries(file_, m.value, diags_, "model '" + m.key + "'");
    checkKeys(file_, es, kModelKeys, diags_, "model '" + m.key + "'");
    ModelClass cls;
    cls.name = m.key;
    cls.loc = m.keyLoc;
    Table table;
    table.modelName = m.key;
    table.loc = m.keyLoc;
    bool hasTable = false;
    for (const auto &e : es) {
      if (e.key == "inherits")
        asString(file_, e.value, cls.inherits, diags_, "'inherits'");
      else if (e.key == "polymorphic_on")
        asString(file_, e.value, cls.polymorphicOn, diags_, "'polymorphic_on'");
      else if (e.key == "polymorphic_identity")
        asString(file_, e.value, cls.polymorphicIdentity, diags_, "'polymorphic_identity'");
    }
    for (const auto &e : es) {
      if (e.key == "table") {
        if (asString(file_, e.value, table.name, diags_, "'table'")) {
          hasTable = true;
          if (table.name.empty())
            diags_.error(locOf(file_, e.value), "bad-value", "'table' must not be empty");
        }
      }
    }
    if (!hasTable && !cls.inherits.empty()) {
      // Single-table inheritance: the columns join the base's table once every file is read.
      table.name = "";
      bool hasColumns = std::any_of(es.begin(), es.end(), [](const Entry &e) { return e.key == "columns"; });
      if (hasColumns) fillTable(table, es, "model '" + m.key + "'");
      cls.singleTableColumns = std::move(table);
      for (const auto &e : es)
        if (e.key == "relationships") loadRelationships(cls, e);
      model_.classes.push_back(std::move(cls));
      return;
    }
    if (!hasTable) {
      diags_.error(m.keyLoc, "missing-table", "model '" + m.key + "' has no 'table:'",
                   "add `table: " + toLower(m.key) + "s` (SQLAlchemy's __tablename__)");
      table.name = toLower(m.key);
    }
    cls.table = table.name;
    fillTable(table, es, "model '" + m.key + "'");
    for (const auto &e : es)
      if (e.key == "relationships") loadRelationships(cls, e);
    if (hasTable) registerTable(std::move(table), m.keyLoc);
    model_.classes.push_back(std::move(cls));
  }

  void loadPlainTable(const Entry &t) {
    if (!t.value.IsMap()) {
      diags_.error(locOf(file_, t.value), "bad-value",
                   "table '" + t.key + "' must be a mapping with columns:");
      return;
    }
    auto es = entries(file_, t.value, diags_, "table '" + t.key + "'");
    checkKeys(file_, es, kTableKeys, diags_, "table '" + t.key + "'");
    Table table;
    table.name = t.key;
    table.loc = t.keyLoc;
    fillTable(table, es, "table '" + t.key + "'");
    registerTable(std::move(table), t.keyLoc);
  }

  // Objects tether keeps verbatim: each needs a kind, a name and the statement that creates it.
  void loadUnmanaged(const Entry &e) {
    if (e.value.IsNull()) return;
    if (!e.value.IsSequence()) {
      diags_.error(locOf(file_, e.value), "bad-value",
                   "'unmanaged' must be a list of {kind, name, definition} entries");
      return;
    }
    for (const auto &item : e.value) {
      UnmanagedObject u;
      u.loc = locOf(file_, item);
      if (!item.IsMap()) {
        diags_.error(u.loc, "bad-value",
                     "an unmanaged object must be a mapping with kind:, name:, definition:");
        continue;
      }
      auto es = entries(file_, item, diags_, "an unmanaged object");
      checkKeys(file_, es, kUnmanagedKeys, diags_, "an unmanaged object");
      for (const auto &f : es) {
        if (f.key == "kind") asString(file_, f.value, u.kind, diags_, "'kind'");
        if (f.key == "name") asString(file_, f.value, u.name, diags_, "'name'");
        if (f.key == "table") asString(file_, f.value, u.table, diags_, "'table'");
        if (f.key == "definition") asString(file_, f.value, u.definition, diags_, "'definition'");
      }
      u.definition = trim(u.definition);
      bool complete = true;
      for (auto [value, key] : {std::pair{&u.kind, "kind"}, {&u.name, "name"}, {&u.definition, "definition"}})
        if (value->empty()) {
          diags_.error(u.loc, "bad-unmanaged", std::string("an unmanaged object needs '") + key + ":'",
                       "tether inspect writes these entries; keep them as it wrote them");
          complete = false;
        }
      if (!complete) continue;
      if (const UnmanagedObject *prev = model_.schema.unmanagedObject(u.kind, u.name)) {
        diags_.error(u.loc, "duplicate-unmanaged", u.kind + " '" + u.name + "' is listed twice",
                     "the other entry is at " + prev->loc.str());
        continue;
      }
      model_.schema.unmanaged.push_back(std::move(u));
    }
  }

  void registerTable(Table table, const SourceLoc &at) {
    auto prev = tableDefs_.find(table.name);
    if (prev != tableDefs_.end()) {
      diags_.error(at, "duplicate-table", "table '" + table.name + "' is defined twice",
                   "the other definition is at " + prev->second.str());
      return;
    }
    tableDefs_.emplace(table.name, at);
    model_.schema.tables.push_back(std::move(table));
  }

  void fillTable(Table &table, const std::vector<Entry> &es, const std::string &where) {
    bool hasColumns = false;
    for (const auto &e : es) {
      if (e.key == "renamed_from")
        asString(file_, e.value, table.renamedFrom, diags_, "'renamed_from'");
      else if (e.key == "comment")
        asString(file_, e.value, table.comment, diags_, "'comment'");
      else if (e.key == "partition_by")
        asString(file_, e.value, table.partitionBy, diags_, "'partition_by'");
      else if (e.key == "columns") {
        hasColumns = true;
        loadColumns(table, e);
      }
    }
    if (!hasColumns) diags_.error(table.loc, "missing-columns", where + " has no 'columns:'");
    for (const auto &e : es) {
      if (e.key == "primary_key") {
        std::vector<std::string> cols;
        const bool named = loadNamedPrimaryKey(file_, table, e, diags_, cols);
        if (named || asStringList(file_, e.value, cols, diags_, "'primary_key'")) {
          // The mapping form may name the key the column flags declare (as the importer writes it).
          if (!table.primaryKey.empty() && !(named && sameColumnSet(table.primaryKey, cols)))
            diags_.error(locOf(file_, e.value), "double-primary-key",
                         "primary key given both as column flags and as 'primary_key:'",
                         "use one of the two");
          table.primaryKey = cols;
          for (const auto &c : cols) {
            if (Column *col = table.column(c))
              col->nullable = false;
            else
              diags_.error(locOf(file_, e.value), "unknown-column",
                           "primary key column '" + c + "' is not a column of " + where,
                           columnHint(table, c));
          }
        }
      } else if (e.key == "indexes") {
        loadIndexes(table, e, where);
      } else if (e.key == "unique") {
        loadUniques(table, e, where);
      } else if (e.key == "foreign_keys") {
        loadCompositeFks(table, e, where);
      } else if (e.key == "checks") {
        loadTableChecks(file_, table, e, diags_);
      }
    }
    noteRedundantUniques(table);
    // SQLAlchemy: a lone integer primary key is autoincrement unless told otherwise.
    if (table.primaryKey.size() == 1) {
      Column *pk = table.column(table.primaryKey[0]);
      if (pk && (pk->type.kind == TypeKind::Integer || pk->type.kind == TypeKind::BigInteger) &&
          !explicitAutoinc_.count(table.name + "." + pk->name)) {
        bool hasFk = false;
        for (const auto &fk : table.foreignKeys)
          if (std::find(fk.columns.begin(), fk.columns.end(), pk->name) != fk.columns.end()) hasFk = true;
        // A sequence numbers it instead: PostgreSQL gets no serial (SQLite numbers it by rowid anyway).
        pk->autoincrement = pk->identity.present || (!hasFk && !pk->defaultValue.present() &&
                                                     !pk->computed.present() && !pk->sequence.present());
      }
    }
  }

  // Kept, so CREATE TABLE says what create_all() says (SQLite keeps the text, PostgreSQL folds it);
  // the differ never plans it on its own.
  void noteRedundantUniques(const Table &table) {
    for (const auto &u : table.uniques)
      if (table.uniqueIsPrimaryKey(u))
        diags_.info(u.loc, "unique-is-primary-key",
                    "unique (" + join(u.columns, ", ") + ") of " + table.name +
                        " repeats the primary key; the database keeps only the primary key, so tether "
                        "never adds it on its own");
  }

  std::string columnHint(const Table &t, const std::string &name) {
    std::vector<std::string> names;
    for (const auto &c : t.columns)
      names.push_back(c.name);
    return didYouMean(name, names, "columns: " + join(names, ", "));
  }

  void loadColumns(Table &table, const Entry &e) {
    if (!e.value.IsMap()) {
      diags_.error(locOf(file_, e.value), "bad-value", "'columns' must map column names to types or mappings",
                   "columns:\n    id: {type: Integer, primary_key: true}");
      return;
    }
    auto cols = entries(file_, e.value, diags_, "the columns of '" + table.name + "'");
    table.columns.reserve(table.columns.size() + cols.size());
    for (const auto &c : cols)
      loadColumn(table, c);
    if (cols.empty()) diags_.error(e.keyLoc, "no-columns", "table '" + table.name + "' has no columns");
  }

  bool parseType(const Entry &e, const yamlin::Node &n, const std::string &text, ColumnType &out) {
    if (n.IsMap()) {
      ColumnType t;
      t.kind = TypeKind::Custom;
      for (const auto &d : entries(file_, n, diags_, "a per-dialect type")) {
        if (dialectNamed(d.key) != d.key) {
          diags_.error(d.keyLoc, "unknown-dialect", "unknown dialect '" + d.key + "' in a per-dialect type",
                       didYouMean(d.key, knownDialects(), "dialects: " + join(knownDialects(), ", ")));
          continue;
        }
        std::string spelled;
        if (asString(file_, d.value, spelled, diags_, "the " + d.key + " type")) {
          if (trim(spelled).empty())
            diags_.error(locOf(file_, d.value), "bad-type", "empty " + d.key + " type");
          t.perDialect[d.key] = trim(spelled);
        }
      }
      if (t.perDialect.empty()) {
        diags_.error(locOf(file_, n), "bad-type", "a per-dialect type needs postgresql: and/or sqlite:");
        return false;
      }
      out = t;
      return true;
    }
    if (!n.IsScalar() || trim(text).empty()) {
      diags_.error(locOf(file_, n), "bad-type", "column type must be a type name such as String(255)",
                   "or {postgresql: jsonb, sqlite: TEXT} for anything else");
      return false;
    }
    (void)e;
    TypeParse p = parseColumnType(text);
    if (!p.type) {
      diags_.error(locOf(file_, n), p.error.rfind("unknown", 0) == 0 ? "unknown-type" : "bad-type-args",
                   p.error, p.hint);
      return false;
    }
    for (const auto &v : p.type->variants)
      if (dialectNamed(v.first) != v.first) {
        diags_.error(locOf(file_, n), "unknown-dialect",
                     "unknown dialect '" + v.first + "' in with_variant()",
                     didYouMean(v.first, knownDialects(), "dialects: " + join(knownDialects(), ", ")));
        return false;
      }
    out = *p.type;
    return true;
  }

  void loadColumn(Table &table, const Entry &c) {
    Column col;
    col.name = c.key;
    col.loc = c.keyLoc;
    if (c.key.empty()) diags_.error(c.keyLoc, "bad-name", "a column name must not be empty");
    if (!c.value.IsMap()) {
      if (parseType(c, c.value, c.text, col.type)) {
        registerEnum(col.type, locOf(file_, c.value));
        table.columns.push_back(std::move(col));
      }
      return;
    }
    auto es = entries(file_, c.value, diags_, "column '" + c.key + "'");
    checkKeys(file_, es, kColumnKeys, diags_, "column '" + table.name + "." + c.key + "'");
    bool typed = false, pk = false, unique = false, index = false;
    for (const auto &e : es) {
      if (e.key == "type") {
        typed = parseType(e, e.value, e.text, col.type);
        if (typed) registerEnum(col.type, locOf(file_, e.value));
      }
    }
    if (!typed) {
      bool mentioned = std::any_of(es.begin(), es.end(), [](const Entry &e) { return e.key == "type"; });
      if (!mentioned)
        diags_.error(c.keyLoc, "missing-type", "column '" + table.name + "." + c.key + "' has no type",
                     "add type:, e.g. {type: Integer}");
    }
    std::optional<bool> nullable;
    for (const auto &e : es) {
      const std::string what = "'" + e.key + "' of column " + table.name + "." + c.key;
      if (e.key == "primary_key")
        asBool(file_, e.value, pk, diags_, what);
      else if (e.key == "nullable") {
        bool b;
        if (asBool(file_, e.value, b, diags_, what)) nullable = b;
      } else if (e.key == "unique")
        asBool(file_, e.value, unique, diags_, what);
      else if (e.key == "index")
        asBool(file_, e.value, index, diags_, what);
      else if (e.key == "autoincrement") {
        bool b;
        if (asBool(file_, e.value, b, diags_, what)) {
          col.autoincrement = b;
          explicitAutoinc_.insert(table.name + "." + c.key);
          if (b && typed && !col.type.isInteger())
            diags_.error(locOf(file_, e.value), "bad-autoincrement", "autoincrement needs an integer column",
                         "make the column Integer or BigInteger");
        }
      } else if (e.key == "comment")
        asString(file_, e.value, col.comment, diags_, what);
      else if (e.key == "renamed_from")
        asString(file_, e.value, col.renamedFrom, diags_, what);
      else if (e.key == "server_default")
        loadDefault(col, e);
      else if (e.key == "default" && version_ >= 2)
        loadOrmValue(e, col.pythonDefault, what);
      else if (e.key == "default") {
        loadDefault(col, e);
        diags_.warning(e.keyLoc, "default-is-server-default",
                       "in a version 1 file, default: of " + table.name + "." + c.key +
                           " is a server default (DDL), which SQLAlchemy's default= is not",
                       "write server_default: for a DDL default; or declare `version: 2`, where default: "
                       "is SQLAlchemy's Python-side default and creates no DDL");
      } else if (e.key == "onupdate")
        loadOrmValue(e, col.onUpdate, what);
      else if (e.key == "foreign_key")
        loadInlineFk(table, col, e);
      else if (e.key == "computed")
        loadComputed(file_, e, col, diags_, what);
      else if (e.key == "identity")
        loadIdentity(file_, e, col, diags_, what);
      else if (e.key == "check")
        loadColumnCheck(file_, table, c.key, e, diags_);
      else if (e.key == "collation" && asString(file_, e.value, col.collation, diags_, what) &&
               trim(col.collation).empty())
        diags_.error(locOf(file_, e.value), "bad-value", what + " must name a collation");
      else if (e.key == "sequence")
        loadSequence(file_, e, col, diags_, what);
    }
    if (typed) checkGeneratedValue(col, table.name + "." + c.key, diags_);
    if (typed) checkSequence(col, table.name + "." + c.key, diags_);
    if (col.sequence.present()) col.autoincrement = false; // the sequence numbers it, never a serial
    if (pk) {
      table.primaryKey.push_back(col.name);
      col.nullable = false;
      if (nullable && *nullable)
        diags_.error(c.keyLoc, "nullable-primary-key",
                     "primary key column " + table.name + "." + c.key + " cannot be nullable");
    }
    if (nullable) {
      if (!pk) col.nullable = *nullable;
    }
    if (col.identity.present) {
      // The database makes an identity NOT NULL whatever the column says.
      if (nullable && *nullable)
        diags_.error(c.keyLoc, "nullable-identity",
                     "identity column " + table.name + "." + c.key + " cannot be nullable");
      col.nullable = false;
    }
    if (index) {
      Index ix;
      ix.name = "ix_" + table.name + "_" + col.name;
      ix.columns = {col.name};
      ix.unique = unique;
      ix.loc = c.keyLoc;
      table.indexes.push_back(ix);
    } else if (unique) {
      table.uniques.push_back({"", {col.name}, c.keyLoc, {}});
    }
    if (typed) table.columns.push_back(std::move(col));
  }

  // order_by: "Comment.created_at.desc()" or a list of such expressions, kept as written.
  void loadOrderBy(const Entry &e, std::string &out, const std::string &what) {
    if (e.value.IsSequence()) {
      std::vector<std::string> parts;
      if (asStringList(file_, e.value, parts, diags_, what)) out = join(parts, ", ");
      return;
    }
    asString(file_, e.value, out, diags_, what);
  }

  // A Python-side value (default=, onupdate=): a scalar, or {sql: …} for a SQL expression the ORM
  // sends; kept as written.
  void loadOrmValue(const Entry &e, std::string &out, const std::string &what) {
    if (e.value.IsMap()) {
      auto es = entries(file_, e.value, diags_, what);
      checkKeys(file_, es, {"sql"}, diags_, what);
      for (const auto &d : es)
        if (d.key == "sql") asString(file_, d.value, out, diags_, what);
      return;
    }
    if (!e.value.IsScalar()) {
      diags_.error(locOf(file_, e.value), "bad-value", what + " must be a value or {sql: …}");
      return;
    }
    out = e.value.Scalar();
  }

  void registerEnum(const ColumnType &t, const SourceLoc &at) {
    if (!t.isNativeEnum()) return; // native_enum=False: no type of its own to declare
    for (auto &e : model_.schema.enums) {
      if (e.name == t.enumName) {
        if (e.values != t.enumValues)
          diags_.error(at, "enum-mismatch",
                       "enum type '" + t.enumName + "' is declared with other values at " + e.loc.str(),
                       "one enum type has one list of values");
        return;
      }
    }
    model_.schema.enums.push_back({t.enumName, t.enumValues, at});
  }

  void loadDefault(Column &col, const Entry &e) {
    const yamlin::Node &n = e.value;
    if (n.IsMap()) {
      auto es = entries(file_, n, diags_, "a default");
      checkKeys(file_, es, {"sql"}, diags_, "a default");
      for (const auto &d : es)
        if (d.key == "sql" && asString(file_, d.value, col.defaultValue.value, diags_, "'sql' default")) {
          // Every dialect's normaliser walks the expression; refuse a depth bomb here, with its place.
          if (auto deep = findExcessiveNesting(col.defaultValue.value)) {
            diags_.fatal(locOf(file_, d.value), "bad-default",
                         "the default's SQL is too deeply nested: " + deep->message,
                         "a default is one short SQL expression");
            col.defaultValue = {};
            continue;
          }
          col.defaultValue.kind = ColumnDefault::Kind::Sql;
        }
      return;
    }
    if (!n.IsScalar()) {
      diags_.error(locOf(file_, n), "bad-default",
                   "default must be a number, true/false, a quoted string or {sql: …}");
      return;
    }
    const std::string &v = n.Scalar();
    bool quoted = n.Tag() == "!"; // the parser tags quoted scalars "!"
    if (!quoted && (v == "true" || v == "false" || v == "True" || v == "False")) {
      col.defaultValue = {ColumnDefault::Kind::Boolean, toLower(v)};
    } else if (!quoted && isNumber(v)) {
      col.defaultValue = {ColumnDefault::Kind::Number, v};
    } else if (!quoted && (v == "null" || v == "~" || v.empty())) {
      diags_.error(locOf(file_, n), "bad-default", "a null default is the absence of a default",
                   "remove 'default:'");
    } else {
      col.defaultValue = {ColumnDefault::Kind::String, v};
    }
  }

  static bool isNumber(const std::string &v) {
    if (v.empty()) return false;
    size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
    bool digit = false, dot = false;
    for (; i < v.size(); ++i) {
      if (std::isdigit(static_cast<unsigned char>(v[i])))
        digit = true;
      else if (v[i] == '.' && !dot)
        dot = true;
      else
        return false;
    }
    return digit;
  }

  bool parseAction(const Entry &e, FkAction &out) {
    std::string v;
    if (!asString(file_, e.value, v, diags_, "'" + e.key + "'")) return false;
    auto a = parseFkAction(v);
    if (!a) {
      diags_.error(locOf(file_, e.value), "bad-action", "unknown referential action '" + v + "'",
                   "use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");
      return false;
    }
    out = *a;
    return true;
  }

  // on_delete also takes a column list after SET NULL / SET DEFAULT (PostgreSQL 15).
  void parseDeleteAction(const Entry &e, ForeignKey &fk) {
    std::string v;
    if (!asString(file_, e.value, v, diags_, "'" + e.key + "'")) return;
    if (!tether::parseDeleteAction(v, fk.onDelete, fk.onDeleteColumns))
      diags_.error(locOf(file_, e.value), "bad-action", "unknown referential action '" + v + "'",
                   "use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION; SET NULL and SET DEFAULT "
                   "may name some of the key's columns: SET NULL (customer_id)");
  }

  bool splitRef(const std::string &ref, const SourceLoc &at, std::string &table, std::string &column) {
    auto dot = ref.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == ref.size()) {
      diags_.error(at, "bad-foreign-key", "foreign key '" + ref + "' must be written table.column",
                   "e.g. foreign_key: users.id");
      return false;
    }
    table = ref.substr(0, dot);
    column = ref.substr(dot + 1);
    return true;
  }

  void loadInlineFk(Table &table, const Column &col, const Entry &e) {
    ForeignKey fk;
    fk.columns = {col.name};
    fk.loc = locOf(file_, e.value);
    std::string ref;
    if (e.value.IsMap()) {
      auto es = entries(file_, e.value, diags_, "a foreign key");
      checkKeys(file_, es, kFkKeys, diags_, "foreign_key of " + table.name + "." + col.name);
      bool hasColumn = false;
      for (const auto &f : es) {
        if (f.key == "column")
          hasColumn = asString(file_, f.value, ref, diags_, "'column'");
        else if (f.key == "on_delete")
          parseDeleteAction(f, fk);
        else if (f.key == "on_update")
          parseAction(f, fk.onUpdate);
        else if (f.key == "name")
          asString(file_, f.value, fk.name, diags_, "'name'");
      }
      loadDeferrable(file_, es, fk.deferral, diags_, "foreign_key of " + table.name + "." + col.name);
      if (!hasColumn) {
        diags_.error(fk.loc, "bad-foreign-key", "foreign_key needs column: table.column");
        return;
      }
    } else if (!asString(file_, e.value, ref, diags_, "'foreign_key'")) {
      return;
    }
    std::string rt, rc;
    if (!splitRef(ref, fk.loc, rt, rc)) return;
    fk.refTable = rt;
    fk.refColumns = {rc};
    table.foreignKeys.push_back(fk);
  }

  // Every column a key, index or constraint names must be a column of the table.
  void requireColumns(const Table &table, const std::vector<std::string> &cols, const SourceLoc &at,
                      const std::string &what, const std::string &where) {
    for (const auto &c : cols)
      if (!table.column(c))
        diags_.error(at, "unknown-column", what + " column '" + c + "' is not a column of " + where,
                     columnHint(table, c));
  }

  // The items of a list-valued key (foreign_keys:, indexes:), each checked to be a mapping.
  template <class Fn> void forEachMapping(const Entry &e, const std::string &shape, Fn fn) {
    if (!e.value.IsSequence()) {
      diags_.error(locOf(file_, e.value), "bad-value", "'" + e.key + "' must be a list");
      return;
    }
    for (const auto &item : e.value) {
      if (!item.IsMap()) {
        diags_.error(locOf(file_, item), "bad-value", "each entry of '" + e.key + "' is a mapping " + shape);
        continue;
      }
      fn(item);
    }
  }

  void loadCompositeFks(Table &table, const Entry &e, const std::string &where) {
    forEachMapping(e, "{columns, references}", [&](const yamlin::Node &item) {
      ForeignKey fk;
      fk.loc = locOf(file_, item);
      auto es = entries(file_, item, diags_, "a foreign key");
      checkKeys(file_, es, kCompositeFkKeys, diags_, "a foreign key of " + where);
      bool cols = false, refs = false;
      for (const auto &f : es) {
        if (f.key == "columns")
          cols = asStringList(file_, f.value, fk.columns, diags_, "'columns'");
        else if (f.key == "on_delete")
          parseDeleteAction(f, fk);
        else if (f.key == "on_update")
          parseAction(f, fk.onUpdate);
        else if (f.key == "name")
          asString(file_, f.value, fk.name, diags_, "'name'");
        else if (f.key == "references") {
          if (!f.value.IsMap()) {
            diags_.error(locOf(file_, f.value), "bad-value", "'references' must be {table: …, columns: […]}");
            continue;
          }
          auto rs = entries(file_, f.value, diags_, "references");
          checkKeys(file_, rs, kRefKeys, diags_, "references");
          bool rt = false, rc = false;
          for (const auto &r : rs) {
            if (r.key == "table")
              rt = asString(file_, r.value, fk.refTable, diags_, "'table'");
            else if (r.key == "columns")
              rc = asStringList(file_, r.value, fk.refColumns, diags_, "'columns'");
            else if (r.key == "schema")
              asString(file_, r.value, fk.refSchema, diags_, "'schema'");
          }
          if (rt && !fk.refSchema.empty()) fk.refTable = fk.refSchema + "." + fk.refTable;
          refs = rt && rc;
          if (!refs)
            diags_.error(locOf(file_, f.value), "bad-foreign-key", "'references' needs table: and columns:");
        }
      }
      loadDeferrable(file_, es, fk.deferral, diags_, "a foreign key of " + where);
      if (!cols) diags_.error(fk.loc, "bad-foreign-key", "a foreign key needs columns:");
      if (!cols || !refs) return;
      requireColumns(table, fk.columns, fk.loc, "foreign key", where);
      table.foreignKeys.push_back(fk);
    });
  }

  void loadIndexes(Table &table, const Entry &e, const std::string &where) {
    forEachMapping(e, "{columns, name, unique}", [&](const yamlin::Node &item) {
      Index ix;
      ix.loc = locOf(file_, item);
      auto es = entries(file_, item, diags_, "an index");
      checkKeys(file_, es, indexKeys(), diags_, "an index of " + where);
      for (const auto &f : es) {
        if (f.key == "name")
          asString(file_, f.value, ix.name, diags_, "'name'");
        else if (f.key == "unique")
          asBool(file_, f.value, ix.unique, diags_, "'unique'");
        else
          loadIndexEntry(file_, f, ix, diags_);
      }
      if (ix.columns.empty()) {
        diags_.error(ix.loc, "bad-index", "an index needs columns: or expressions:");
        return;
      }
      normaliseIndexKeys(ix);
      requireColumns(table, indexColumnNames(ix), ix.loc, "index", where);
      if (ix.name.empty() && ix.hasExpressions) {
        diags_.error(ix.loc, "bad-index", "an index on expressions needs name:");
        return;
      }
      if (ix.name.empty()) ix.name = "ix_" + table.name + "_" + join(ix.columns, "_");
      table.indexes.push_back(ix);
    });
  }

  void loadUniques(Table &table, const Entry &e, const std::string &where) {
    if (!e.value.IsSequence()) {
      diags_.error(locOf(file_, e.value), "bad-value", "'unique' must be a list of {columns, name}");
      return;
    }
    for (const auto &item : e.value) {
      UniqueConstraint u;
      u.loc = locOf(file_, item);
      if (item.IsSequence()) { // shorthand: unique: [[a, b]]
        asStringList(file_, item, u.columns, diags_, "a unique constraint");
      } else if (item.IsMap()) {
        auto es = entries(file_, item, diags_, "a unique constraint");
        checkKeys(file_, es, kUniqueKeys, diags_, "a unique constraint of " + where);
        for (const auto &f : es) {
          if (f.key == "columns")
            asStringList(file_, f.value, u.columns, diags_, "'columns'");
          else if (f.key == "name")
            asString(file_, f.value, u.name, diags_, "'name'");
        }
        loadDeferrable(file_, es, u.deferral, diags_, "a unique constraint of " + where);
      } else {
        diags_.error(u.loc, "bad-value", "each unique constraint is a mapping {columns, name}");
        continue;
      }
      if (u.columns.empty()) {
        diags_.error(u.loc, "bad-unique", "a unique constraint needs columns:");
        continue;
      }
      requireColumns(table, u.columns, u.loc, "unique", where);
      table.uniques.push_back(u);
    }
  }

  void loadRelationships(ModelClass &cls, const Entry &e) {
    if (e.value.IsNull()) return;
    if (!e.value.IsMap()) {
      diags_.error(locOf(file_, e.value), "bad-value", "'relationships' must map names to {model: …}");
      return;
    }
    for (const auto &r : entries(file_, e.value, diags_, "the relationships of '" + cls.name + "'")) {
      Relationship rel;
      rel.name = r.key;
      rel.owner = cls.name;
      rel.loc = r.keyLoc;
      if (r.value.IsScalar()) { // shorthand: orders: Order
        rel.target = r.text;
        cls.relationships.push_back(rel);
        continue;
      }
      if (!r.value.IsMap()) {
        diags_.error(locOf(file_, r.value), "bad-value",
                     "relationship '" + r.key + "' must be a mapping {model: …}");
        continue;
      }
      auto es = entries(file_, r.value, diags_, "relationship '" + r.key + "'");
      checkKeys(file_, es, kRelKeys, diags_, "relationship " + cls.name + "." + r.key);
      bool hasModel = false;
      for (const auto &f : es) {
        const std::string what = "'" + f.key + "' of relationship " + cls.name + "." + r.key;
        if (f.key == "model")
          hasModel = asString(file_, f.value, rel.target, diags_, what);
        else if (f.key == "back_populates")
          asString(file_, f.value, rel.backPopulates, diags_, what);
        else if (f.key == "uselist") {
          bool b;
          if (asBool(file_, f.value, b, diags_, what)) rel.uselist = b;
        } else if (f.key == "secondary")
          asString(file_, f.value, rel.secondary, diags_, what);
        else if (f.key == "foreign_keys")
          asStringList(file_, f.value, rel.foreignKeys, diags_, what);
        else if (f.key == "remote_side")
          asStringList(file_, f.value, rel.remoteSide, diags_, what);
        else if (f.key == "cascade")
          asString(file_, f.value, rel.cascade, diags_, what);
        else if (f.key == "passive_deletes")
          asBool(file_, f.value, rel.passiveDeletes, diags_, what);
        else if (f.key == "single_parent")
          asBool(file_, f.value, rel.singleParent, diags_, what);
        else if (f.key == "primaryjoin")
          asString(file_, f.value, rel.primaryJoin, diags_, what);
        else if (f.key == "secondaryjoin")
          asString(file_, f.value, rel.secondaryJoin, diags_, what);
        else if (f.key == "viewonly")
          asBool(file_, f.value, rel.viewOnly, diags_, what);
        else if (f.key == "order_by")
          loadOrderBy(f, rel.orderBy, what);
        else if (f.key == "collection_class")
          asString(file_, f.value, rel.collectionClass, diags_, what);
        else if (f.key == "lazy") {
          if (asString(file_, f.value, rel.lazy, diags_, what) &&
              std::find(kLazyValues.begin(), kLazyValues.end(), rel.lazy) == kLazyValues.end()) {
            diags_.error(locOf(file_, f.value), "bad-lazy", "unknown loader strategy lazy='" + rel.lazy + "'",
                         didYouMean(rel.lazy, kLazyValues, "use one of " + join(kLazyValues, ", ")));
          }
        }
      }
      if (!hasModel) {
        diags_.error(r.keyLoc, "missing-model", "relationship " + cls.name + "." + r.key + " has no 'model:'",
                     "name the target class, e.g. {model: Order}");
        continue;
      }
      cls.relationships.push_back(rel);
    }
  }

  std::string file_;
  Model &model_;
  Diagnostics &diags_;
  std::map<std::string, SourceLoc> &classDefs_;
  std::map<std::string, SourceLoc> &tableDefs_;
  std::set<std::string> explicitAutoinc_;
  int version_ = 1; // 2: `default:` is SQLAlchemy's Python-side default, not DDL
};

// Binary garbage is not YAML; say so instead of letting the parser report a confusing position.
bool looksBinary(const std::string &text) {
  return text.find('\0') != std::string::npos;
}

void loadText(const std::string &text, const std::string &file, LoadResult &r,
              std::map<std::string, SourceLoc> &classDefs, std::map<std::string, SourceLoc> &tableDefs) {
  if (looksBinary(text)) {
    r.diags.fatal({file, 1, 1}, "not-yaml", "this is not a YAML text file (it contains NUL bytes)",
                  "point --models at .yaml model files");
    return;
  }
  yamlin::Node root;
  try {
    root = yamlin::parseYaml(text);
  } catch (const YAML::Exception &e) {
    r.diags.fatal(locOf(file, e.mark), "yaml-syntax", "invalid YAML: " + e.msg);
    return;
  } catch (const std::exception &e) {
    r.diags.fatal({file, 0, 0}, "yaml-syntax", std::string("invalid YAML: ") + e.what());
    return;
  }
  try {
    FileLoader(file, r.model, r.diags, classDefs, tableDefs).load(root);
  } catch (const YAML::Exception &e) {
    r.diags.fatal(locOf(file, e.mark), "yaml-syntax", "unexpected YAML structure: " + e.msg);
  }
  r.model.files.push_back(file);
}

// Inheritance: each class's base must be a model; a single-table subclass maps its root's table
// and adds its columns to it; a joined subclass's table needs a foreign key to its base's table.
void resolveInheritance(Model &model, Diagnostics &diags) {
  for (auto &cls : model.classes) {
    if (cls.inherits.empty()) continue;
    const ModelClass *base = &cls;
    for (int depth = 0; base && !base->inherits.empty() && depth <= static_cast<int>(model.classes.size());
         ++depth)
      base = model.cls(base->inherits);
    const ModelClass *parent = model.cls(cls.inherits);
    if (!parent || !base || !base->inherits.empty()) {
      std::vector<std::string> names;
      for (const auto &c : model.classes)
        names.push_back(c.name);
      diags.error(cls.loc, "unknown-base",
                  "model " + cls.name + " inherits '" + cls.inherits +
                      "', which is not a model (or is a cycle)",
                  didYouMean(cls.inherits, names, "name a mapped base class"));
      continue;
    }
    if (cls.table.empty()) {
      const ModelClass *root = parent;
      while (root->table.empty() && !root->inherits.empty() && model.cls(root->inherits))
        root = model.cls(root->inherits);
      cls.table = root->table;
      Table *t = model.schema.table(cls.table);
      if (!t) continue;
      for (auto &c : cls.singleTableColumns.columns) {
        if (t->column(c.name))
          diags.error(c.loc, "duplicate-column",
                      "column " + c.name + " of single-table subclass " + cls.name +
                          " is already a column of " + t->name);
        else {
          cls.singleTableColumnNames.push_back(c.name);
          t->columns.push_back(c);
        }
      }
      for (auto &fk : cls.singleTableColumns.foreignKeys)
        t->foreignKeys.push_back(fk);
      for (auto &u : cls.singleTableColumns.uniques)
        t->uniques.push_back(u);
      for (auto &ix : cls.singleTableColumns.indexes) {
        if (ix.name.rfind("ix__", 0) == 0) ix.name = "ix_" + t->name + ix.name.substr(3);
        t->indexes.push_back(ix);
      }
      cls.singleTableColumns = Table{};
    } else if (const Table *own = model.schema.table(cls.table)) {
      const ModelClass *tableOwner = parent;
      while (tableOwner->table.empty() && model.cls(tableOwner->inherits))
        tableOwner = model.cls(tableOwner->inherits);
      bool linked = std::any_of(own->foreignKeys.begin(), own->foreignKeys.end(),
                                [&](const ForeignKey &fk) { return fk.refTable == tableOwner->table; });
      if (!linked && own->name != tableOwner->table)
        diags.error(cls.loc, "joined-inheritance-without-fk",
                    "model " + cls.name + " (table " + own->name + ") inherits " + parent->name + " but " +
                        own->name + " has no foreign key to " + tableOwner->table,
                    "make its primary key a foreign key to the base: id: {type: Integer, primary_key: true, "
                    "foreign_key: " +
                        tableOwner->table + ".id}");
    }
  }
  for (const auto &cls : model.classes) {
    const Table *t = model.schema.table(cls.table);
    if (!cls.polymorphicOn.empty() && t && !t->column(cls.polymorphicOn))
      diags.error(cls.loc, "unknown-column",
                  "polymorphic_on column '" + cls.polymorphicOn + "' is not a column of " + t->name);
  }
}

// `foreign_key: billing.invoice.id` names a table of another schema, unless a model's table is
// itself called "billing.invoice" (a quoted name, as version 1 allowed).
void resolveForeignSchemas(Model &model) {
  for (auto &t : model.schema.tables)
    for (auto &fk : t.foreignKeys) {
      auto dot = fk.refTable.find('.');
      if (!fk.refSchema.empty() || dot == std::string::npos || dot == 0 || model.schema.table(fk.refTable))
        continue;
      fk.refSchema = fk.refTable.substr(0, dot);
    }
}

void finish(LoadResult &r) {
  if (!r.diags.unreadable()) {
    resolveForeignSchemas(r.model);
    resolveInheritance(r.model, r.diags);
    resolveRelationships(r.model, r.diags);
    validateModel(r.model, r.diags);
    checkSharedSequences(r.model.schema, r.diags);
  }
  r.diags.sortByLocation();
}

} // namespace

LoadResult loadModelsFromString(const std::string &text, const std::string &fileName) {
  LoadResult r;
  std::map<std::string, SourceLoc> classDefs, tableDefs;
  loadText(text, fileName, r, classDefs, tableDefs);
  finish(r);
  return r;
}

LoadResult loadModels(const std::string &path) {
  LoadResult r;
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      auto ext = it->path().extension().string();
      if (ext == ".yaml" || ext == ".yml") files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      r.diags.fatal({path, 0, 0}, "no-models", "no *.yaml or *.yml model files in directory " + path,
                    "point --models at a model file or a directory holding them");
      return r;
    }
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    r.diags.fatal({}, "no-models", "model path '" + path + "' does not exist",
                  "pass --models PATH, or set models: in tether.yaml");
    return r;
  }
  std::map<std::string, SourceLoc> classDefs, tableDefs;
  for (const auto &f : files) {
    std::string text;
    try {
      text = readRegularFile(f, kMaxModelFileBytes, "model file");
    } catch (const Error &e) {
      r.diags.fatal({f, 0, 0}, "unreadable", e.what(), e.hint());
      continue;
    }
    loadText(text, f, r, classDefs, tableDefs);
  }
  finish(r);
  return r;
}

} // namespace tether
