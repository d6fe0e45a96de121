#include "diff/differ.h"
#include "diff/check_diff.h"
#include "diff/deferrable_diff.h"
#include "diff/desired_schema.h"
#include "diff/match.h"
#include "diff/rekeyed_references.h"
#include "diff/sequence_diff.h"
#include "diff/simulate.h"
#include "model/nullability.h"
#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace tether {

namespace {

// Renames first: the rest of the diff compares against the database as it will be after them.
std::vector<Change> diffRenames(const Schema &desired, Schema &current) {
  std::vector<Change> out;
  for (const Table &t : desired.tables) {
    if (t.renamedFrom.empty() || current.table(t.name) || !current.table(t.renamedFrom) ||
        desired.table(t.renamedFrom))
      continue;
    Change c{step::RenameTable{t.name, t.renamedFrom}, t.loc};
    applyChange(current, c);
    out.push_back(c);
  }
  for (const Table &t : desired.tables) {
    const Table *cur = current.table(t.name);
    if (!cur) continue;
    for (const Column &col : t.columns) {
      if (col.renamedFrom.empty() || cur->column(col.name) || !cur->column(col.renamedFrom) ||
          t.column(col.renamedFrom))
        continue;
      step::RenameColumn rename{t.name, *cur->column(col.renamedFrom), *cur->column(col.renamedFrom)};
      rename.column.name = col.name;
      Change c{rename, col.loc};
      applyChange(current, c);
      cur = current.table(t.name);
      out.push_back(c);
    }
  }
  return out;
}

void diffColumns(const Table &want, const Table &have, const ColumnRules &d, std::vector<Change> &out) {
  for (const Column &col : want.columns) {
    const Column *cur = have.column(col.name);
    if (!cur) {
      out.push_back(Change{step::AddColumn{want.name, col}, col.loc});
      continue;
    }
    const bool typeChanged = !d.sameType(col, *cur) || !d.sameCollation(col, *cur); // both ALTER … TYPE
    const bool nullabilityChanged = nullabilityDiffers(want, col, *cur);
    const bool defaultChanged = !d.sameDefault(col, *cur);
    // Left: a computed column that the model makes plain (it keeps its values), or an identity change.
    const bool generationChanged =
        !d.sameComputed(col, *cur) || (d.supportsIdentity() && col.identity != cur->identity);
    // The step (two copies of the column) only for a column that changes: most do not.
    if (!typeChanged && !nullabilityChanged && !defaultChanged && !generationChanged) continue;
    step::AlterColumn c{want.name, col, *cur};
    c.typeChanged = typeChanged;
    c.nullabilityChanged = nullabilityChanged;
    c.defaultChanged = defaultChanged;
    c.generationChanged = generationChanged;
    bool destructive = false;
    // No database makes a column computed, or changes what it computes, in place: the column is
    // dropped and added again (the indexes on it with it). Only a plain column's values are lost.
    c.recomputed = c.generationChanged && col.computed.present();
    if (c.recomputed) destructive = !cur->computed.present();
    destructive = destructive || (c.typeChanged && isNarrowing(cur->type, col.type));
    out.push_back(Change{c, col.loc, destructive});
  }
  for (const Column &cur : have.columns) {
    if (want.column(cur.name)) continue;
    out.push_back(Change{step::DropColumn{want.name, cur}, want.loc, true});
  }
}

// Pairs model objects with database objects (each database object used once); what is left on
// either side becomes an add or a drop. A drop replaced by an add on the same columns or with the
// same name is a redefinition, not a loss.
template <class T, class Match, class SameSlot>
void pairUp(const std::vector<T> &want, const std::vector<T> &have, Match matches, SameSlot sameSlot,
            std::vector<const T *> &adds, std::vector<std::pair<const T *, bool>> &drops) {
  std::vector<bool> used(have.size(), false);
  for (const T &w : want) {
    bool found = false;
    for (size_t i = 0; i < have.size() && !found; ++i)
      if (!used[i] && matches(w, have[i])) used[i] = found = true;
    if (!found) adds.push_back(&w);
  }
  for (size_t i = 0; i < have.size(); ++i) {
    if (used[i]) continue;
    bool replaced = std::any_of(adds.begin(), adds.end(), [&](const T *a) { return sameSlot(*a, have[i]); });
    drops.push_back({&have[i], !replaced});
  }
}

// Foreign keys, unique constraints and indexes diff alike: pair them up, drop what no model
// object matches (destructive unless a redefinition replaces it), add what the database lacks.
template <class DropStep, class AddStep, class T, class Match, class SameSlot>
void diffObjects(const std::vector<T> &wantObjs, const std::vector<T> &haveObjs, Match matches,
                 SameSlot sameSlot, const Table &want, std::vector<Change> &out) {
  std::vector<const T *> adds;
  std::vector<std::pair<const T *, bool>> drops;
  pairUp(wantObjs, haveObjs, matches, sameSlot, adds, drops);
  for (auto [obj, destructive] : drops) {
    out.push_back(Change{DropStep{want.name, *obj}, want.loc, destructive});
  }
  for (const T *obj : adds)
    out.push_back(Change{AddStep{want.name, *obj}, obj->loc});
}

// CREATE TABLE keeps no UNIQUE that repeats the primary key (create_all() writes one for
// `primary_key=True, unique=True`), so comparing such a model constraint would plan it forever.
std::vector<UniqueConstraint> uniquesBeyondPrimaryKey(const Table &t) {
  std::vector<UniqueConstraint> out;
  for (const auto &u : t.uniques)
    if (!t.uniqueIsPrimaryKey(u)) out.push_back(u);
  return out;
}

// The database's side: one that repeats its primary key is left out too, unless the models ask
// for it beyond their own key (a key the models drop, its columns kept unique): added later by
// ALTER TABLE, it is there and is what they ask for.
std::vector<UniqueConstraint> liveUniquesToCompare(const Table &have,
                                                   const std::vector<UniqueConstraint> &wanted) {
  std::vector<UniqueConstraint> out;
  for (const auto &u : have.uniques)
    if (!have.uniqueIsPrimaryKey(u) ||
        std::any_of(wanted.begin(), wanted.end(),
                    [&](const UniqueConstraint &w) { return matchesUnique(w, u); }))
      out.push_back(u);
  return out;
}

void diffConstraints(const Table &want, const Table &have, const Schema &current, const ColumnRules &d,
                     std::vector<Change> &out) {
  // PostgreSQL cannot ALTER a primary key's deferrability: the key is dropped and added again.
  if (want.primaryKey != have.primaryKey ||
      (!want.primaryKey.empty() && want.primaryKeyDeferral != have.primaryKeyDeferral)) {
    if (!have.primaryKey.empty()) {
      out.push_back(Change{step::DropPrimaryKey{want.name, have.primaryKey, have.primaryKeyDeferral},
                           want.loc, want.primaryKey.empty()});
    }
    if (!want.primaryKey.empty()) {
      out.push_back(
          Change{step::AddPrimaryKey{want.name, want.primaryKey, want.primaryKeyDeferral}, want.loc});
    }
  }
  const size_t firstFkChange = out.size();
  diffObjects<step::DropForeignKey, step::AddForeignKey>(
      want.foreignKeys, have.foreignKeys, matchesForeignKey,
      [](const ForeignKey &a, const ForeignKey &b) {
        return (!a.name.empty() && a.name == b.name) || a.columns == b.columns;
      },
      want, out);
  foldDeferrabilityChanges(out, firstFkChange);
  const std::vector<UniqueConstraint> wantedUniques = uniquesBeyondPrimaryKey(want);
  diffObjects<step::DropUnique, step::AddUnique>(
      wantedUniques, liveUniquesToCompare(have, wantedUniques), matchesUnique,
      [](const UniqueConstraint &a, const UniqueConstraint &b) {
        return (!a.name.empty() && a.name == b.name) || a.columns == b.columns;
      },
      want, out);
  // An index the database holds as an unmanaged object is not the differ's to pair or drop.
  std::vector<Index> haveIndexes;
  for (const Index &i : have.indexes)
    if (!current.unmanagedObject("index", i.name)) haveIndexes.push_back(i);
  diffObjects<step::DropIndex, step::CreateIndex>(
      want.indexes, haveIndexes, [&](const Index &m, const Index &db) { return matchesIndex(m, db, d); },
      [](const Index &a, const Index &b) { return a.name == b.name || a.columns == b.columns; }, want, out);
}

// The table as it is once its recomputed columns have been dropped and added again: dropping a
// column takes the indexes, constraints and CHECKs on it along, so the model's are made anew.
// Empty when no column is recomputed, which is nearly always: the table is then used as it is.
std::optional<Table> withoutRecomputedColumns(const Table &have, const std::vector<Change> &changes,
                                              size_t from) {
  std::optional<Table> out;
  for (size_t i = from; i < changes.size(); ++i) {
    const auto *alter = changes[i].get<step::AlterColumn>();
    if (!alter || !alter->recomputed) continue;
    if (!out) out = have;
    Table &t = *out;
    const std::string &col = alter->column.name;
    auto on = [&](const std::vector<std::string> &cols) {
      return std::find(cols.begin(), cols.end(), col) != cols.end();
    };
    t.indexes.erase(
        std::remove_if(t.indexes.begin(), t.indexes.end(), [&](const Index &x) { return on(x.columns); }),
        t.indexes.end());
    t.uniques.erase(std::remove_if(t.uniques.begin(), t.uniques.end(),
                                   [&](const UniqueConstraint &x) { return on(x.columns); }),
                    t.uniques.end());
    t.foreignKeys.erase(std::remove_if(t.foreignKeys.begin(), t.foreignKeys.end(),
                                       [&](const ForeignKey &x) { return on(x.columns); }),
                        t.foreignKeys.end());
    t.checks.erase(std::remove_if(t.checks.begin(), t.checks.end(),
                                  [&](const CheckConstraint &x) { return on(x.columns) || x.column == col; }),
                   t.checks.end());
  }
  return out;
}

void diffEnums(const Schema &desired, const Schema &current, std::vector<Change> &out) {
  for (const EnumTypeDef &e : desired.enums) {
    auto cur = std::find_if(current.enums.begin(), current.enums.end(),
                            [&](const EnumTypeDef &x) { return x.name == e.name; });
    if (cur == current.enums.end()) {
      out.push_back(Change{step::CreateEnum{e}, e.loc});
      continue;
    }
    for (const auto &v : e.values) {
      if (std::find(cur->values.begin(), cur->values.end(), v) != cur->values.end()) continue;
      out.push_back(Change{step::AddEnumValue{e, v}, e.loc});
    }
  }
  for (const EnumTypeDef &e : current.enums) {
    bool wanted = std::any_of(desired.enums.begin(), desired.enums.end(),
                              [&](const EnumTypeDef &x) { return x.name == e.name; });
    if (wanted) continue;
    out.push_back(Change{step::DropEnum{e}, {}, true});
  }
}

// Unmanaged objects are created when the database lacks them and otherwise left alone: never
// altered, never dropped, never drift.
void diffUnmanaged(const Schema &desired, const Schema &current, std::vector<Change> &out) {
  for (const UnmanagedObject &u : desired.unmanaged) {
    if (current.unmanagedObject(u.kind, u.name) || isModelledCheck(u, current)) continue;
    out.push_back(Change{step::CreateUnmanaged{u.table, u}, u.loc});
  }
}

bool asksForRenames(const Schema &desired) {
  return std::any_of(desired.tables.begin(), desired.tables.end(), [](const Table &t) {
    return !t.renamedFrom.empty() || std::any_of(t.columns.begin(), t.columns.end(),
                                                 [](const Column &c) { return !c.renamedFrom.empty(); });
  });
}

} // namespace

std::vector<Change> diffSchemas(const Schema &models, const Schema &current, const ColumnRules &d) {
  return diffResolved(desiredFor(models, current, d), current, d);
}

std::vector<Change> diffResolved(const Schema &desired, const Schema &current, const ColumnRules &d) {
  // The database as it will be after the renames: a copy only when the models ask for one.
  std::optional<Schema> afterRenames;
  std::vector<Change> out;
  if (asksForRenames(desired)) {
    afterRenames = current;
    out = diffRenames(desired, *afterRenames);
  }
  const Schema &renamed = afterRenames ? *afterRenames : current;
  if (d.supportsNativeEnums()) diffEnums(desired, renamed, out);
  const auto haveByName = tablesByName(renamed), wantByName = tablesByName(desired);
  for (const Table &want : desired.tables) {
    auto found = haveByName.find(want.name);
    const Table *have = found == haveByName.end() ? nullptr : found->second;
    if (!have) {
      // Indexes are not part of CREATE TABLE in either dialect: each is its own change, which
      // also lets --online build them concurrently.
      step::CreateTable create{want.name, want};
      create.tableDef.indexes.clear();
      out.push_back(Change{create, want.loc});
      for (const Index &i : want.indexes)
        out.push_back(Change{step::CreateIndex{want.name, i}, i.loc});
      continue;
    }
    const size_t firstColumnChange = out.size();
    diffColumns(want, *have, d, out);
    const std::optional<Table> recomputed = withoutRecomputedColumns(*have, out, firstColumnChange);
    const Table &afterRecompute = recomputed ? *recomputed : *have;
    diffConstraints(want, afterRecompute, renamed, d, out);
    diffChecks(want, afterRecompute, desired, d, out);
    diffPrimaryKeyName(want, *have, out);
  }
  for (const Table &have : renamed.tables) {
    if (wantByName.count(have.name)) continue;
    out.push_back(Change{step::DropTable{have.name, have}, {}, true});
  }
  diffUnmanaged(desired, renamed, out);
  if (d.supportsSequences()) diffSequences(desired, renamed, out);
  if (d.keysDependOnPrimaryKey()) rebuildReferencesOfDroppedKeys(desired, renamed, out);
  return out;
}

} // namespace tether
