#pragma once
#include "model/schema.h"
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tether::pg::replay {

// A statement the offline replay cannot model exactly. The check stops rather than guess.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A statement PostgreSQL itself would reject at this point (a missing table, a taken name).
struct Rejection : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void refuse(const std::string &why);
[[noreturn]] void reject(const std::string &why);

struct PartitionKey {
  std::string strategy; // range, list, hash
  std::vector<std::string> columns;
};

// What an unmanaged object reads, so that dropping or changing it cascades, or refuses, as
// PostgreSQL's dependency tracking would.
struct Dependencies {
  std::set<std::string> relations; // tables and views a view reads
  std::set<std::string> columns;   // columns of its own table a CHECK, an index or a trigger names
  std::string function;            // a trigger's function
};

// The schema being built, plus what the neutral Schema does not keep but the replay of later
// statements needs: owned sequences, dependencies, partition keys, names taken by objects that
// introspection does not list.
struct ReplayState {
  Schema schema;
  const std::string *text = nullptr; // the file being replayed, to read constants back from
  std::string statement;             // the statement being replayed, verbatim
  bool transactional = true;         // the file runs in one transaction
  std::map<std::string, PartitionKey> partitionKeys;
  struct OwnedSequence {
    std::string table, column, name;
  };
  std::vector<OwnedSequence> ownedSequences;
  // Free-standing sequences by name, with what a model states of them (pg_replay_sequence.h);
  // nullopt: options it cannot state.
  std::map<std::string, std::optional<Sequence>> freeSequences;
  std::set<std::string> otherRelations;   // composite types, foreign tables, indexes of partitions
  std::set<std::string> otherConstraints; // domain constraints
  std::set<std::string> invisibleTypes;   // composite, range and base types: not introspected
  std::set<std::string> userFunctions;    // bare names of the functions the files create
  std::set<std::string> schemas;          // schemas the files create (their objects are not ours)
  bool inTransaction = false;             // a no-transaction file's own BEGIN, not yet committed

  Table *findTable(const std::string &name);
  Table &table(const std::string &name); // rejects a missing one
  UnmanagedObject *unmanaged(const std::string &kind, const std::string &name, const std::string &table = "");
  void addUnmanaged(UnmanagedObject u, Dependencies d = {});
  // The statement being replayed, listed as it stands as an unmanaged object.
  void listStatement(const std::string &kind, const std::string &name, const std::string &table = "",
                     Dependencies d = {});
  void removeUnmanaged(const std::string &kind, const std::string &name, const std::string &table = "");
  Dependencies &depsOf(const UnmanagedObject &u);
  void renameUnmanaged(const std::string &kind, const std::string &name, const std::string &table,
                       const std::string &newName);
  // A renamed table: what names it (foreign keys, unmanaged objects, views' dependencies) follows.
  void retargetTable(const std::string &from, const std::string &to);
  // Views and materialized views that read `relation`.
  std::vector<std::string> viewsReading(const std::string &relation) const;

  bool relationExists(const std::string &name) const;
  bool constraintExists(const std::string &name) const;
  // The name PostgreSQL gives an unnamed object: <name1>_<name2…>_<label>, shortened to 63 bytes,
  // the label numbered (key1, key2…) until no relation (nor, for a constraint's index, no
  // constraint) has it.
  std::string chooseRelationName(const std::string &name1, const std::vector<std::string> &name2,
                                 const std::string &label, bool isConstraint) const;
  std::string chooseConstraintName(const std::string &name1, const std::vector<std::string> &name2,
                                   const std::string &label) const;

private:
  std::map<std::string, Dependencies> deps_; // kind:table:name
};

// Objects of the replayed schema are written unqualified or qualified with public; objects of any
// other schema are not in the schema introspection reads, so the replay leaves them out too.
bool isOwnSchema(const std::string &schemaname);
// An identifier as quote_ident() prints it: quoted only when it has to be.
std::string quoteIfNeeded(const std::string &ident);

} // namespace tether::pg::replay
