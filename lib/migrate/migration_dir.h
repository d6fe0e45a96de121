#pragma once
#include <string>
#include <vector>

namespace tether {

// One version of a migration directory: <version>_<name>.up.sql and .down.sql.
struct MigrationFile {
  std::string version;          // "0001"
  std::string name;             // "initial"
  std::string upFile, downFile; // file names inside the directory
  std::string upSql, downSql;
  std::string checksum; // sha256 of the up file, as recorded in tether_migrations
};

// A directory of migrations for one dialect.
struct MigrationDir {
  std::string path;
  std::vector<MigrationFile> versions; // sorted by version

  const MigrationFile *find(const std::string &version) const;
  std::string nextVersion() const; // "0001" for an empty directory
};

constexpr const char *kSumFile = "tether.sum";
constexpr const char *kSnapshotFile = "schema.snapshot.yaml";

// Reads the directory (a missing directory is an empty history). Throws Error (exit 2) naming the
// file for an unreadable file, a name that does not follow <NNNN>_<name>.up|down.sql, a version
// with only one of its two files, or a version used twice.
MigrationDir readMigrationDir(const std::string &path);
// Commands that read a history (apply, down, status, check, baseline) need the folder to exist:
// a misspelt --dir must not read as "no migrations, up to date". Throws Error (exit 2) with a
// "did you mean" among the folders next to it.
void requireMigrationDir(const std::string &path);
// "Add user profiles!" -> "add_user_profiles"
std::string slugify(const std::string &name);

std::string readTextFile(const std::string &path);
void writeTextFile(const std::string &path, const std::string &text);

} // namespace tether
