#include "yaml/relationship_resolver.h"
#include "core/strings.h"
#include <algorithm>
#include <cctype>

namespace tether {

namespace {

struct Candidate {
  std::string table;
  int index;
  RelationKind kind;
};

std::string fkText(const std::string &table, const ForeignKey &fk) {
  std::vector<std::string> cols;
  for (const auto &c : fk.columns)
    cols.push_back(table + "." + c);
  return join(cols, ", ") + " -> " + fk.refTable + "(" + join(fk.refColumns, ", ") + ")";
}

// SQLAlchemy's foreign_keys names the referencing columns; accept "table.col" or a bare "col".
bool chosenBy(const std::vector<std::string> &chosen, const std::string &table, const ForeignKey &fk) {
  for (const auto &c : fk.columns) {
    bool hit = std::any_of(chosen.begin(), chosen.end(),
                           [&](const std::string &f) { return f == table + "." + c || f == c; });
    if (!hit) return false;
  }
  return true;
}

// The (table, column) pairs a join condition names: "issue_links.parent_id",
// "issue_links.c.parent_id" or "Issue.id" (a class's attribute, read as its table's column).
std::vector<std::pair<std::string, std::string>> joinColumns(const Model &model, const std::string &expr) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  auto identChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
  while (i < expr.size()) {
    if (expr[i] == '\'' || expr[i] == '"') { // literals in filters are not columns
      char q = expr[i];
      size_t end = expr.find(q, i + 1);
      i = end == std::string::npos ? expr.size() : end + 1;
      continue;
    }
    if (!identChar(expr[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < expr.size() && identChar(expr[i]))
      ++i;
    auto parts = split(expr.substr(start, i - start), '.');
    if (parts.size() == 3 && parts[1] == "c") parts.erase(parts.begin() + 1);
    if (parts.size() < 2) continue;
    std::string table = parts[0];
    if (const ModelClass *c = model.cls(table)) table = c->table;
    out.push_back({table, parts[1]});
  }
  return out;
}

// Does the join condition name every column of this foreign key?
bool joinNames(const std::vector<std::pair<std::string, std::string>> &cols, const std::string &table,
               const ForeignKey &fk) {
  for (const auto &c : fk.columns)
    if (std::find(cols.begin(), cols.end(), std::make_pair(table, c)) == cols.end()) return false;
  return true;
}

std::vector<std::string> classNames(const Model &m) {
  std::vector<std::string> v;
  for (const auto &c : m.classes)
    v.push_back(c.name);
  return v;
}

bool among(const std::vector<std::string> &tables, const std::string &t) {
  return std::find(tables.begin(), tables.end(), t) != tables.end();
}

// The tables a class is mapped to: its own, then its bases'. A joined-table subclass maps the join
// of them all, so a foreign key on any of them can carry its relationships, as in SQLAlchemy; a
// single-table subclass shares its root's table.
std::vector<std::string> mappedTables(const Model &model, const ModelClass &cls) {
  std::vector<std::string> tables;
  const ModelClass *c = &cls;
  for (size_t depth = 0; c && depth <= model.classes.size(); ++depth) {
    if (!c->table.empty() && !among(tables, c->table)) tables.push_back(c->table);
    c = c->inherits.empty() ? nullptr : model.cls(c->inherits);
  }
  return tables;
}

// A joined subclass's primary key pointing at its base's table is the inheritance itself, not a
// path a relationship can take.
bool inheritanceLink(const Model &model, const std::string &table, const ForeignKey &fk,
                     const std::vector<std::string> &hierarchy) {
  const Table *t = model.schema.table(table);
  return t && fk.refTable != table && among(hierarchy, fk.refTable) &&
         sameColumnSet(fk.columns, t->primaryKey);
}

void resolveSecondary(const Model &model, Relationship &rel, const std::vector<std::string> &ownerTables,
                      const std::vector<std::string> &targetTables, Diagnostics &diags) {
  const Table *sec = model.schema.table(rel.secondary);
  if (!sec) {
    std::vector<std::string> names;
    for (const auto &t : model.schema.tables)
      names.push_back(t.name);
    diags.error(rel.loc, "unknown-secondary",
                "relationship " + rel.owner + "." + rel.name + ": secondary table '" + rel.secondary +
                    "' is not defined",
                didYouMean(rel.secondary, names, "define it under tables:"));
    return;
  }
  // primaryjoin names the owner's side of the association, secondaryjoin the target's; they are
  // what tells the two sides of a self-referential many-to-many apart.
  auto primary = joinColumns(model, rel.primaryJoin), secondary = joinColumns(model, rel.secondaryJoin);
  auto pick = [&](const std::vector<std::string> &refTables, int skip,
                  const std::vector<std::pair<std::string, std::string>> &on, bool useChosen) {
    for (size_t i = 0; i < sec->foreignKeys.size(); ++i) {
      const auto &fk = sec->foreignKeys[i];
      if (static_cast<int>(i) == skip || !among(refTables, fk.refTable)) continue;
      if (useChosen && !rel.foreignKeys.empty() && !chosenBy(rel.foreignKeys, sec->name, fk)) continue;
      if (!on.empty() && !joinNames(on, sec->name, fk)) continue;
      return static_cast<int>(i);
    }
    return -1;
  };
  // foreign_keys may name only some association columns: a side it does not name keeps its FK.
  int toOwner = pick(ownerTables, -1, primary, true);
  if (toOwner < 0) toOwner = pick(ownerTables, -1, primary, false);
  int toTarget = pick(targetTables, toOwner, secondary, true);
  if (toTarget < 0) toTarget = pick(targetTables, toOwner, secondary, false);
  if (toOwner < 0 || toTarget < 0) {
    std::string missing = toOwner < 0 ? ownerTables.front() : targetTables.front();
    diags.error(rel.loc, "secondary-without-fk",
                "relationship " + rel.owner + "." + rel.name + ": secondary table '" + sec->name +
                    "' has no foreign key to '" + missing + "'",
                "an association table needs a foreign key to each side, e.g. foreign_key: " + missing +
                    ".id");
    return;
  }
  rel.kind = RelationKind::ManyToMany;
  rel.fkTable = sec->name;
  rel.fkIndex = toOwner;
  rel.secondaryTargetFkTable = sec->name;
  rel.secondaryTargetFkIndex = toTarget;
}

void resolveDirect(const Model &model, Relationship &rel, const std::vector<std::string> &ownerTables,
                   const std::vector<std::string> &targetTables, Diagnostics &diags) {
  std::vector<Candidate> cands;
  auto joinCols = joinColumns(model, rel.primaryJoin);
  auto eligible = [&](const std::string &table, const ForeignKey &fk,
                      const std::vector<std::string> &hierarchy, const std::vector<std::string> &other) {
    if (!among(other, fk.refTable) || inheritanceLink(model, table, fk, hierarchy)) return false;
    if (!rel.foreignKeys.empty() && !chosenBy(rel.foreignKeys, table, fk)) return false;
    return joinCols.empty() || joinNames(joinCols, table, fk);
  };
  // Foreign keys on the owner's side point at the target: many-to-one, unless the same key also
  // points from the target's side at the owner (a self-reference), where remote_side decides.
  for (const auto &ownerTable : ownerTables) {
    const Table *ot = model.schema.table(ownerTable);
    for (size_t i = 0; ot && i < ot->foreignKeys.size(); ++i) {
      const auto &fk = ot->foreignKeys[i];
      if (!eligible(ownerTable, fk, ownerTables, targetTables)) continue;
      bool selfRef = among(targetTables, ownerTable) && among(ownerTables, fk.refTable);
      bool manyToOne = !selfRef || (!rel.remoteSide.empty() && sameColumnSet(rel.remoteSide, fk.refColumns));
      cands.push_back(
          {ownerTable, static_cast<int>(i), manyToOne ? RelationKind::ManyToOne : RelationKind::OneToMany});
    }
  }
  auto weighed = [&](const std::string &table, int i) {
    return std::any_of(cands.begin(), cands.end(),
                       [&](const Candidate &c) { return c.table == table && c.index == i; });
  };
  // Foreign keys on the target's side that point at the owner: one-to-many.
  for (const auto &targetTable : targetTables) {
    const Table *tt = model.schema.table(targetTable);
    for (size_t i = 0; tt && i < tt->foreignKeys.size(); ++i)
      if (!weighed(targetTable, static_cast<int>(i)) &&
          eligible(targetTable, tt->foreignKeys[i], targetTables, ownerTables))
        cands.push_back({targetTable, static_cast<int>(i), RelationKind::OneToMany});
  }
  const std::string name = rel.owner + "." + rel.name;
  const std::string &ownerTable = ownerTables.front(), &targetTable = targetTables.front();
  if (cands.empty()) {
    diags.error(
        rel.loc, "no-fk-path",
        "relationship " + name + ": no foreign key joins '" + ownerTable + "' and '" + targetTable + "'",
        rel.foreignKeys.empty()
            ? "add a foreign_key column to one of the two tables (e.g. " + targetTable + "." +
                  toLower(rel.owner) + "_id: {type: Integer, foreign_key: " + ownerTable +
                  ".id}), or use secondary:"
            : "none of foreign_keys [" + join(rel.foreignKeys, ", ") + "] is a foreign key between them");
    return;
  }
  if (cands.size() > 1) {
    std::vector<std::string> paths;
    for (const auto &c : cands)
      paths.push_back(fkText(c.table, *model.fk(c.table, c.index)));
    const ForeignKey *first = model.fk(cands[0].table, cands[0].index);
    diags.error(rel.loc, "ambiguous-fk-path",
                "relationship " + name + ": " + std::to_string(cands.size()) + " foreign key paths join '" +
                    ownerTable + "' and '" + targetTable + "' (" + join(paths, "; ") + ")",
                "choose one with foreign_keys: [" + cands[0].table + "." + first->columns[0] + "]");
    return;
  }
  const Candidate &c = cands[0];
  rel.fkTable = c.table;
  rel.fkIndex = c.index;
  rel.kind = c.kind;
  if (c.kind == RelationKind::OneToMany && rel.uselist && !*rel.uselist) rel.kind = RelationKind::OneToOne;
}

} // namespace

void resolveRelationships(Model &model, Diagnostics &diags) {
  for (auto &cls : model.classes) {
    for (auto &rel : cls.relationships) {
      const ModelClass *target = model.cls(rel.target);
      if (!target) {
        diags.error(rel.loc, "unknown-model",
                    "relationship " + rel.owner + "." + rel.name + " targets unknown model '" + rel.target +
                        "'",
                    didYouMean(rel.target, classNames(model), "models: " + join(classNames(model), ", ")));
        continue;
      }
      const auto ownerTables = mappedTables(model, cls), targetTables = mappedTables(model, *target);
      if (ownerTables.empty() || targetTables.empty())
        continue; // a class without a table: reported elsewhere
      if (!rel.secondary.empty())
        resolveSecondary(model, rel, ownerTables, targetTables, diags);
      else
        resolveDirect(model, rel, ownerTables, targetTables, diags);
    }
  }
}

} // namespace tether
