#pragma once
// Shared by the migrate tests: a three-version history written by the real CLI, and direct
// database access for assertions.
#include "drivers/open.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace tether::test::mig {

// users; then posts; then posts.title.
inline const char *kModelsV1 = "models:\n  User:\n    table: users\n    columns:\n"
                               "      id: {type: Integer, primary_key: true}\n"
                               "      email: {type: String(255), nullable: false, unique: true}\n";
inline const char *kPosts =
    "  Post:\n    table: posts\n    columns:\n      id: {type: Integer, primary_key: true}\n"
    "      user_id: {type: Integer, foreign_key: users.id, nullable: false, index: true}\n";
inline std::string modelsV2() {
  return std::string(kModelsV1) + kPosts;
}
inline std::string modelsV3() {
  return modelsV2() + "      title: {type: String(200), nullable: false, default: \"\"}\n";
}

// Writes <root>/<dialect>/ with 0001_users, 0002_posts, 0003_post_titles; returns the folder.
inline std::string writeHistory(const TempDir &tmp, const std::string &dialect) {
  const std::string dir = tmp.file(dialect);
  const std::string models = tmp.file("models.yaml");
  const std::pair<std::string, std::string> steps[] = {
      {"users", kModelsV1}, {"posts", modelsV2()}, {"post titles", modelsV3()}};
  for (const auto &[name, text] : steps) {
    tmp.write("models.yaml", text);
    RunResult r = runTether({"migrate", "new", name, "--models", models, "--dir", dir, "--dialect", dialect});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    REQUIRE(r.out.find("wrote ") != std::string::npos);
  }
  return dir;
}

inline std::vector<Row> rows(const std::string &url, const std::string &sql) {
  auto db = openConnection(url);
  return db->query(sql);
}
inline void exec(const std::string &url, const std::string &sql) {
  openConnection(url)->execute(sql);
}
inline size_t count(const std::string &url, const std::string &sql) {
  auto r = rows(url, sql);
  return r.empty() || r[0].empty() ? 0 : std::stoul(r[0][0].value_or("0"));
}
inline bool hasTable(const std::string &url, const std::string &table) {
  auto s = openConnection(url)->introspect();
  return s.table(table) != nullptr;
}
inline std::vector<std::string> recordedVersions(const std::string &url) {
  std::vector<std::string> out;
  for (const auto &r : rows(url, "SELECT version FROM tether_migrations ORDER BY version"))
    out.push_back(*r[0]);
  return out;
}

inline RunResult migrate(const std::vector<std::string> &args) {
  std::vector<std::string> all = {"migrate"};
  all.insert(all.end(), args.begin(), args.end());
  return runTether(all);
}

// Replaces the first `from` in a migration file and re-signs the folder, as a person would.
inline void handEdit(const std::string &dir, const std::string &file, const std::string &from,
                     const std::string &to, bool resign = true) {
  std::string text = readFile(dir + "/" + file);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(dir + "/" + file, std::ios::binary | std::ios::trunc) << text;
  REQUIRE(readFile(dir + "/" + file) == text);
  if (resign) REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
}

} // namespace tether::test::mig
