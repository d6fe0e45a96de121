#include "migrate/migration_dir.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "migrate/sha256.h"
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace tether {

const MigrationFile *MigrationDir::find(const std::string &version) const {
  for (const auto &m : versions)
    if (m.version == version) return &m;
  return nullptr;
}

std::string MigrationDir::nextVersion() const {
  long last = versions.empty() ? 0 : std::stol(versions.back().version);
  std::string v = std::to_string(last + 1);
  return std::string(v.size() < 4 ? 4 - v.size() : 0, '0') + v;
}

std::string slugify(const std::string &name) {
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out.substr(0, 60);
}

std::string readTextFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("cannot read " + path, SourceLoc{path, 0, 0}, "check that the file exists and is readable");
  return readSqlFile(path, kMaxMigrationFileBytes, "file");
}

void writeTextFile(const std::string &path, const std::string &text) {
  // Through a temp file and a rename: a full disk leaves the old snapshot/sum whole, and a
  // symlink planted at path is replaced, not written through.
  writeFileAtomically(path, text);
}

namespace {
struct ParsedName {
  std::string version, name;
  bool up = false;
};

bool parseName(const std::string &file, ParsedName &p) {
  bool up = endsWith(file, ".up.sql"), down = endsWith(file, ".down.sql");
  if (!up && !down) return false;
  std::string stem = file.substr(0, file.size() - (up ? 7 : 9));
  size_t us = stem.find('_');
  std::string version = stem.substr(0, us);
  if (version.empty() ||
      !std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      version.size() > 9)
    return false;
  p.version = version;
  p.name = us == std::string::npos ? "" : stem.substr(us + 1);
  p.up = up;
  return true;
}
} // namespace

void requireMigrationDir(const std::string &path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return;
  if (fs::exists(path, ec))
    throw Error(path + " is not a directory", SourceLoc{path, 0, 0},
                "--dir names the folder of one dialect's migrations");
  // Candidates: the folders beside it and, for a misspelt root, the dialect folders under those.
  fs::path p(path);
  fs::path parent = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::vector<std::string> candidates;
  auto shown = [&](const fs::path &c) {
    return p.has_parent_path() ? c.string() : c.lexically_relative(".").string();
  };
  if (fs::is_directory(parent, ec))
    for (const auto &e : fs::directory_iterator(parent, ec)) {
      if (!e.is_directory()) continue;
      candidates.push_back(shown(e.path()));
      for (const auto &d : knownDialects())
        if (fs::is_directory(e.path() / d, ec)) candidates.push_back(shown(e.path() / d));
    }
  throw Error("the migration folder " + path + " does not exist", SourceLoc{path, 0, 0},
              didYouMean(path, candidates,
                         "check --dir (or migrations: in tether.yaml); tether migrate new writes the first "
                         "version"));
}

MigrationDir readMigrationDir(const std::string &path) {
  MigrationDir dir;
  dir.path = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return dir;
  if (!fs::is_directory(path, ec))
    throw Error(path + " is not a directory", SourceLoc{path, 0, 0},
                "--dir names the folder of one dialect's migrations");
  std::map<long, MigrationFile> byVersion;
  for (const auto &entry : fs::directory_iterator(path)) {
    std::string file = entry.path().filename().string();
    if (!endsWith(file, ".sql")) continue;
    if (!entry.is_regular_file())
      throw Error("migration " + entry.path().string() + " is not a regular file",
                  SourceLoc{entry.path().string()},
                  "a migration is a plain .sql file; remove or rename this one");
    ParsedName p;
    if (!parseName(file, p))
      throw Error("migration file " + file + " is not named <version>_<name>.up.sql or .down.sql",
                  SourceLoc{entry.path().string(), 0, 0}, "rename it, e.g. 0003_add_index.up.sql");
    MigrationFile &m = byVersion[std::stol(p.version)];
    if (!m.version.empty() && (m.version != p.version || m.name != p.name))
      throw Error("version " + p.version + " is used by two migrations (" + m.version + "_" + m.name +
                      " and " + p.version + "_" + p.name + ")",
                  SourceLoc{entry.path().string(), 0, 0}, "give each migration its own version number");
    m.version = p.version;
    m.name = p.name;
    (p.up ? m.upFile : m.downFile) = file;
  }
  for (auto &[num, m] : byVersion) {
    if (m.upFile.empty() || m.downFile.empty())
      throw Error("migration " + m.version + "_" + m.name + " has no " +
                      (m.upFile.empty() ? ".up.sql" : ".down.sql") + " file",
                  SourceLoc{path + "/" + (m.upFile.empty() ? m.downFile : m.upFile), 0, 0},
                  "every version needs both its up and its down file");
    m.upSql = readTextFile(path + "/" + m.upFile);
    m.downSql = readTextFile(path + "/" + m.downFile);
    m.checksum = sha256Hex(m.upSql);
    dir.versions.push_back(m);
  }
  return dir;
}

} // namespace tether
