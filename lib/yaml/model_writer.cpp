#include "yaml/model_writer.h"
#include "core/strings.h"
#include "yaml/check_writer.h"
#include "yaml/deferrable_writer.h"
#include "yaml/index_writer.h"
#include "yaml/sequence_writer.h"
#include <cctype>
#include <map>
#include <set>
#include <yaml-cpp/yaml.h>

namespace tether {

std::string className(const std::string &table) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : table) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      cur += c;
    else if (!cur.empty())
      words.push_back(cur), cur.clear();
  }
  if (!cur.empty()) words.push_back(cur);
  if (words.empty()) return "Table";
  words.back() = singular(words.back());
  std::string name;
  for (auto &w : words) {
    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    name += w;
  }
  if (std::isdigit(static_cast<unsigned char>(name[0]))) name = "T" + name;
  return name;
}

namespace {

// Model names by table, for tables that can be ORM classes (they have a primary key).
using ModelNames = std::map<std::string, std::string>;

// A pure link table, as SQLAlchemy's automap judges one: two foreign keys, to the primary keys of
// two other tables that can be classes, and no column that is not part of one of them. It is the
// `secondary` of a many-to-many, not a class. (A self-referential link needs primaryjoin and
// secondaryjoin to tell its sides apart, so it stays a class.)
bool isLinkTable(const Table &t, const Schema &schema) {
  if (t.foreignKeys.size() != 2 || t.foreignKeys[0].refTable == t.foreignKeys[1].refTable) return false;
  for (const auto &fk : t.foreignKeys) {
    const Table *ref = schema.table(fk.refTable);
    if (!ref || ref == &t || ref->primaryKey.empty() || !sameColumnSet(fk.refColumns, ref->primaryKey))
      return false;
  }
  for (const auto &c : t.columns) {
    bool inFk = false;
    for (const auto &fk : t.foreignKeys)
      for (const auto &fc : fk.columns)
        inFk = inFk || fc == c.name;
    if (!inFk) return false;
  }
  return true;
}

ModelNames nameModels(const Schema &schema) {
  ModelNames names;
  std::set<std::string> used;
  for (const auto &t : schema.tables) {
    if (t.primaryKey.empty() || isLinkTable(t, schema)) continue;
    std::string base = className(t.name), name = base;
    for (int n = 2; used.count(name); ++n)
      name = base + std::to_string(n);
    used.insert(name);
    names[t.name] = name;
  }
  return names;
}

struct InferredRelationship {
  std::string name, target, backPopulates;
  bool uselistFalse = false;
  std::vector<std::string> foreignKeys; // "table.column", when two FK paths join the same tables
  std::vector<std::string> remoteSide;  // self-reference: the many-to-one side
  std::string secondary;                // many-to-many: the link table
};

std::string identifier(const std::string &s) {
  std::string r;
  for (char c : toLower(s))
    r += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (r.empty() || std::isdigit(static_cast<unsigned char>(r[0]))) r = "r_" + r;
  return r;
}

// Relationship names must not clash with the class's columns or its other relationships.
std::string freeName(const Table &t, std::set<std::string> &taken, const std::string &wanted) {
  std::string base = identifier(wanted), name = base;
  for (int n = 2; taken.count(name) || t.column(name); ++n)
    name = base + "_" + std::to_string(n);
  taken.insert(name);
  return name;
}

std::map<std::string, std::vector<InferredRelationship>> inferRelationships(const Schema &schema,
                                                                            const ModelNames &names) {
  std::map<std::string, std::vector<InferredRelationship>> out;
  std::map<std::string, std::set<std::string>> taken;
  for (const auto &child : schema.tables) {
    if (!names.count(child.name)) continue;
    for (const auto &fk : child.foreignKeys) {
      const Table *parent = schema.table(fk.refTable);
      if (!parent || !names.count(parent->name)) continue;
      // SQLAlchemy needs foreign_keys as soon as two FK paths join the pair, in either direction.
      const bool self = parent->name == child.name;
      int paths = 0;
      for (const auto &other : child.foreignKeys)
        paths += other.refTable == fk.refTable;
      if (!self)
        for (const auto &other : parent->foreignKeys)
          paths += other.refTable == child.name;
      std::string colBase = fk.columns.size() == 1 ? fk.columns[0] : singular(parent->name);
      if (endsWith(colBase, "_id") && colBase.size() > 3) colBase = colBase.substr(0, colBase.size() - 3);
      std::string manyName =
          freeName(child, taken[child.name], paths > 1 || self ? colBase : singular(parent->name));
      // A unique FK makes the parent side one-to-one: a scalar, so a singular name (User.user_profile).
      bool oneToOne = child.isUniqueSet(fk.columns);
      std::string childName = oneToOne ? singular(child.name) : plural(child.name);
      std::string oneName = freeName(*parent, taken[parent->name],
                                     paths > 1 || self ? childName + "_by_" + colBase : childName);
      std::vector<std::string> fkCols;
      if (paths > 1)
        for (const auto &c : fk.columns)
          fkCols.push_back(child.name + "." + c);
      InferredRelationship many{manyName, names.at(parent->name), oneName, false, fkCols, {}, {}};
      InferredRelationship one{oneName, names.at(child.name), manyName, oneToOne, fkCols, {}, {}};
      if (self) many.remoteSide = fk.refColumns;
      out[child.name].push_back(many);
      out[parent->name].push_back(one);
    }
  }
  for (const auto &link : schema.tables) {
    if (!isLinkTable(link, schema)) continue;
    const Table *a = schema.table(link.foreignKeys[0].refTable),
                *b = schema.table(link.foreignKeys[1].refTable);
    if (!names.count(a->name) || !names.count(b->name)) continue;
    std::string toB = freeName(*a, taken[a->name], plural(b->name));
    std::string toA = freeName(*b, taken[b->name], plural(a->name));
    InferredRelationship ab{toB, names.at(b->name), toA, false, {}, {}, link.name};
    InferredRelationship ba{toA, names.at(a->name), toB, false, {}, {}, link.name};
    out[a->name].push_back(ab);
    out[b->name].push_back(ba);
  }
  return out;
}

bool simpleRef(const ForeignKey &fk) {
  return fk.columns.size() == 1 && fk.refColumns.size() == 1 &&
         fk.refColumns[0].find('.') == std::string::npos;
}

bool meaningful(FkAction a) {
  return a != FkAction::None && a != FkAction::NoAction;
}

void emitType(YAML::Emitter &out, const ColumnType &t) {
  if (t.kind != TypeKind::Custom) {
    out << t.str();
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  for (const auto &[dialect, spelling] : t.perDialect)
    out << YAML::Key << dialect << YAML::Value << YAML::DoubleQuoted << spelling;
  out << YAML::EndMap;
}

void emitDefault(YAML::Emitter &out, const ColumnDefault &d, const ColumnType &type) {
  // SQLite stores a boolean default as 0 or 1; the model says false or true.
  if (type.kind == TypeKind::Boolean && d.kind == ColumnDefault::Kind::Number &&
      (d.value == "0" || d.value == "1")) {
    out << (d.value == "1");
    return;
  }
  switch (d.kind) {
  case ColumnDefault::Kind::Number:
    out << d.value;
    break;
  case ColumnDefault::Kind::Boolean:
    out << (d.value == "true");
    break;
  case ColumnDefault::Kind::String:
    out << YAML::DoubleQuoted << d.value;
    break;
  case ColumnDefault::Kind::Sql:
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "sql" << YAML::Value << YAML::DoubleQuoted << d.value
        << YAML::EndMap;
    break;
  case ColumnDefault::Kind::None:
    break;
  }
}

void emitActions(YAML::Emitter &out, const ForeignKey &fk) {
  if (meaningful(fk.onDelete)) out << YAML::Key << "on_delete" << YAML::Value << deleteActionText(fk);
  if (meaningful(fk.onUpdate)) out << YAML::Key << "on_update" << YAML::Value << fkActionSql(fk.onUpdate);
  yamlout::emitDeferrable(out, fk.deferral);
}

// What a column's flags can say, and what has to go in the table's lists instead.
struct TableLayout {
  std::map<std::string, const ForeignKey *> inlineFk;
  std::set<std::string> uniqueFlag, indexFlag;
  std::vector<const UniqueConstraint *> uniques;
  std::vector<const Index *> indexes;
  std::vector<const ForeignKey *> fks;
  std::vector<std::string> unexpressible;
};

TableLayout layout(const Table &t, const Schema &schema) {
  TableLayout l;
  for (const auto &fk : t.foreignKeys) {
    if (simpleRef(fk) && !l.inlineFk.count(fk.columns[0]))
      l.inlineFk[fk.columns[0]] = &fk;
    else
      l.fks.push_back(&fk);
  }
  for (const auto &u : t.uniques) {
    if (u.name.empty() && u.columns.size() == 1 && !u.deferral.present() && !l.uniqueFlag.count(u.columns[0]))
      l.uniqueFlag.insert(u.columns[0]);
    else
      l.uniques.push_back(&u);
  }
  for (const auto &i : t.indexes) {
    if (schema.unmanagedObject("index", i.name)) continue; // written under unmanaged:
    bool flaggable = isPlainIndex(i) && i.columns.size() == 1 &&
                     i.name == "ix_" + t.name + "_" + i.columns[0] && !l.indexFlag.count(i.columns[0]);
    // unique + index on a column means a unique index, so a plain index cannot share a column
    // with a unique flag, nor a unique index with a unique constraint.
    if (flaggable && !i.unique && l.uniqueFlag.count(i.columns[0])) flaggable = false;
    if (flaggable && i.unique && l.uniqueFlag.count(i.columns[0])) flaggable = false;
    if (flaggable) {
      l.indexFlag.insert(i.columns[0]);
      if (i.unique) l.uniqueFlag.insert(i.columns[0]);
    } else {
      l.indexes.push_back(&i);
    }
  }
  return l;
}

// identity: true | {always:, start:, increment:}; computed: {sql:, stored: true}.
void emitGeneratedValue(YAML::Emitter &out, const Column &c) {
  const IdentityColumn &id = c.identity;
  if (id.present && !id.always && !id.start && !id.increment) {
    out << YAML::Key << "identity" << YAML::Value << true;
  } else if (id.present) {
    out << YAML::Key << "identity" << YAML::Value << YAML::Flow << YAML::BeginMap;
    if (id.always) out << YAML::Key << "always" << YAML::Value << true;
    if (id.start) out << YAML::Key << "start" << YAML::Value << *id.start;
    if (id.increment) out << YAML::Key << "increment" << YAML::Value << *id.increment;
    out << YAML::EndMap;
  }
  if (c.computed.present()) {
    out << YAML::Key << "computed" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "sql" << YAML::Value << YAML::DoubleQuoted << c.computed.sql;
    if (c.computed.stored == true) out << YAML::Key << "stored" << YAML::Value << true;
    out << YAML::EndMap;
  }
}

void emitColumns(YAML::Emitter &out, const Table &t, const TableLayout &l) {
  out << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
  const bool singlePk = t.primaryKey.size() == 1 && !namedPrimaryKey(t);
  for (const auto &c : t.columns) {
    out << YAML::Key << c.name << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value;
    emitType(out, c.type);
    bool pk = singlePk && t.primaryKey[0] == c.name;
    if (pk) out << YAML::Key << "primary_key" << YAML::Value << true;
    if (!pk && !t.isPrimaryKey(c.name) && !c.nullable) out << YAML::Key << "nullable" << YAML::Value << false;
    if (t.primaryKey.size() == 1 && t.primaryKey[0] == c.name && c.type.isInteger() && !c.autoincrement)
      out << YAML::Key << "autoincrement" << YAML::Value << false;
    if (l.uniqueFlag.count(c.name)) out << YAML::Key << "unique" << YAML::Value << true;
    if (l.indexFlag.count(c.name)) out << YAML::Key << "index" << YAML::Value << true;
    if (c.defaultValue.present()) {
      out << YAML::Key << "server_default" << YAML::Value;
      emitDefault(out, c.defaultValue, c.type);
    }
    emitGeneratedValue(out, c);
    emitColumnSequence(out, c);
    auto fk = l.inlineFk.find(c.name);
    if (fk != l.inlineFk.end()) {
      const ForeignKey &f = *fk->second;
      std::string ref = f.refTable + "." + f.refColumns[0];
      out << YAML::Key << "foreign_key" << YAML::Value;
      if (f.name.empty() && !meaningful(f.onDelete) && !meaningful(f.onUpdate) && !f.deferral.present()) {
        out << YAML::DoubleQuoted << ref;
      } else {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "column" << YAML::Value << YAML::DoubleQuoted
            << ref;
        emitActions(out, f);
        if (!f.name.empty()) out << YAML::Key << "name" << YAML::Value << f.name;
        out << YAML::EndMap;
      }
    }
    if (!c.collation.empty())
      out << YAML::Key << "collation" << YAML::Value << YAML::DoubleQuoted << c.collation;
    if (!c.comment.empty()) out << YAML::Key << "comment" << YAML::Value << YAML::DoubleQuoted << c.comment;
    emitColumnChecks(out, t, c.name);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emitLists(YAML::Emitter &out, const Table &t, const TableLayout &l) {
  if (namedPrimaryKey(t))
    emitNamedPrimaryKey(out, t);
  else if (t.primaryKey.size() > 1)
    out << YAML::Key << "primary_key" << YAML::Value << YAML::Flow << t.primaryKey;
  if (!l.indexes.empty()) {
    out << YAML::Key << "indexes" << YAML::Value << YAML::BeginSeq;
    for (const Index *i : l.indexes)
      yamlout::emitIndex(out, *i);
    out << YAML::EndSeq;
  }
  if (!l.uniques.empty()) {
    out << YAML::Key << "unique" << YAML::Value << YAML::BeginSeq;
    for (const UniqueConstraint *u : l.uniques) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "columns" << YAML::Value << YAML::Flow
          << u->columns;
      if (!u->name.empty()) out << YAML::Key << "name" << YAML::Value << u->name;
      yamlout::emitDeferrable(out, u->deferral);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (!l.fks.empty()) {
    out << YAML::Key << "foreign_keys" << YAML::Value << YAML::BeginSeq;
    for (const ForeignKey *f : l.fks) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "columns" << YAML::Value << YAML::Flow << f->columns
          << YAML::Key << "references" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "table"
          << YAML::Value << f->refTableName();
      if (!f->refSchema.empty()) out << YAML::Key << "schema" << YAML::Value << f->refSchema;
      out << YAML::Key << "columns" << YAML::Value << YAML::Flow << f->refColumns << YAML::EndMap;
      emitActions(out, *f);
      if (!f->name.empty()) out << YAML::Key << "name" << YAML::Value << f->name;
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  emitTableChecks(out, t);
  if (!t.comment.empty()) out << YAML::Key << "comment" << YAML::Value << YAML::DoubleQuoted << t.comment;
  if (!t.partitionBy.empty())
    out << YAML::Key << "partition_by" << YAML::Value << YAML::DoubleQuoted << t.partitionBy;
}

// A literal block reads best for a multi-line definition, but only carries text that has no
// trailing blanks, tabs or carriage returns exactly; anything else is double-quoted.
bool literalSafe(const std::string &s) {
  if (s.find('\n') == std::string::npos || s.find('\r') != std::string::npos ||
      s.find('\t') != std::string::npos)
    return false;
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == '\n') return false;
  for (size_t i = s.find('\n'); i != std::string::npos; i = s.find('\n', i + 1))
    if (i > 0 && s[i - 1] == ' ') return false;
  return true;
}

void emitUnmanaged(YAML::Emitter &out, const std::vector<UnmanagedObject> &objects) {
  if (objects.empty()) return;
  out << YAML::Key << "unmanaged" << YAML::Value << YAML::BeginSeq;
  for (const auto &u : objects) {
    out << YAML::BeginMap << YAML::Key << "kind" << YAML::Value << u.kind << YAML::Key << "name"
        << YAML::Value << YAML::DoubleQuoted << u.name;
    if (!u.table.empty()) out << YAML::Key << "table" << YAML::Value << YAML::DoubleQuoted << u.table;
    out << YAML::Key << "definition" << YAML::Value
        << (literalSafe(u.definition) ? YAML::Literal : YAML::DoubleQuoted) << u.definition << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emitRelationships(YAML::Emitter &out, const std::vector<InferredRelationship> &rels) {
  if (rels.empty()) return;
  out << YAML::Key << "relationships" << YAML::Value << YAML::BeginMap;
  for (const auto &r : rels) {
    out << YAML::Key << r.name << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "model"
        << YAML::Value << r.target << YAML::Key << "back_populates" << YAML::Value << r.backPopulates;
    if (!r.secondary.empty()) out << YAML::Key << "secondary" << YAML::Value << r.secondary;
    if (r.uselistFalse) out << YAML::Key << "uselist" << YAML::Value << false;
    if (!r.foreignKeys.empty())
      out << YAML::Key << "foreign_keys" << YAML::Value << YAML::Flow << r.foreignKeys;
    if (!r.remoteSide.empty()) out << YAML::Key << "remote_side" << YAML::Value << YAML::Flow << r.remoteSide;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

} // namespace

std::string writeModelFile(const Schema &schema) {
  ModelNames names = nameModels(schema);
  auto rels = inferRelationships(schema, names);
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap << YAML::Key << "version" << YAML::Value << 1;
  std::vector<std::string> notes;
  bool anyModel = false, anyTable = false;
  for (const auto &t : schema.tables)
    (names.count(t.name) ? anyModel : anyTable) = true;
  for (int pass = 0; pass < 2; ++pass) {
    bool models = pass == 0;
    if (models ? !anyModel : !anyTable) continue;
    out << YAML::Key << (models ? "models" : "tables") << YAML::Value << YAML::BeginMap;
    for (const auto &t : schema.tables) {
      if (names.count(t.name) != static_cast<size_t>(models)) continue;
      TableLayout l = layout(t, schema);
      for (const auto &n : l.unexpressible)
        notes.push_back("index " + n + " on " + t.name +
                        " uses expressions or a WHERE clause: not in the model");
      out << YAML::Key << (models ? names.at(t.name) : t.name) << YAML::Value << YAML::BeginMap;
      if (models) out << YAML::Key << "table" << YAML::Value << t.name;
      emitColumns(out, t, l);
      emitLists(out, t, l);
      if (models) emitRelationships(out, rels[t.name]);
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  emitUnmanaged(out, schema.unmanaged);
  out << YAML::EndMap;
  std::string text = "# Written by tether inspect from the live schema.\n";
  for (const auto &n : notes)
    text += "# note: " + n + "\n";
  return text + out.c_str() + "\n";
}

} // namespace tether
