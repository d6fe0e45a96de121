#include "project/init.h"
#include "core/error.h"
#include "core/safe_file.h"
#include <filesystem>
#include <fstream>

namespace tether {

const char *starterConfig() {
  return R"YAML(# tether.yaml: project settings. Every one can be overridden on the command line.
version: 1

# Model file or directory (every *.yaml below it, merged).
models: models/

# Versioned migrations live in <migrations>/<dialect>/ (sqlite, postgresql).
migrations: migrations/

# The database. ${NAME} is read from the environment, so secrets stay out of this file;
# ${NAME:-default} gives a fallback. $DATABASE_URL and --db take precedence.
db: ${DATABASE_URL:-sqlite:///app.db}

# PostgreSQL schema (default: the first schema of the search path).
# schema: public

audit:
  # N+1: how many repetitions of one lookup in one unit of work make a pattern.
  n_plus_one_threshold: 5
  # N+1: seconds of silence that end a unit of work when the log has no transactions.
  idle_gap_seconds: 1.0
  # Accepted findings, each with the reason it is accepted.
  ignore:
    # - {check: unindexed_foreign_key, table: audit_log, column: user_id, reason: "append-only, never joined"}

lint:
  # Rules of `tether migrate lint` silenced for the whole project.
  ignore: []
)YAML";
}

const char *starterModels() {
  return R"YAML(# Models in SQLAlchemy's vocabulary: run `tether help models` for the whole format.
version: 1
models:
  User:
    table: users
    columns:
      id: {type: Integer, primary_key: true}
      email: {type: String(255), unique: true, nullable: false}
      full_name: String(200)
    relationships:
      orders: {model: Order, back_populates: user}
  Order:
    table: orders
    columns:
      id: {type: Integer, primary_key: true}
      user_id: {type: Integer, foreign_key: {column: users.id, on_delete: CASCADE}, nullable: false, index: true}
      total_amount: Numeric(10, 2)
      status: {type: String(50), default: 'pending'}
    relationships:
      user: {model: User, back_populates: orders}
)YAML";
}

bool hasOwnModels(const std::string &dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path models = fs::path(dir) / "models";
  if (!fs::is_directory(models, ec)) return false;
  for (auto it = fs::recursive_directory_iterator(models, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml") && it->path().filename() != "models.yaml")
      return true;
  }
  return false;
}

std::vector<std::string> initProject(const std::string &dir, bool force) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, const char *>> files = {{"tether.yaml", starterConfig()}};
  // Example models next to the project's own (written by inspect, say) would be merged into them.
  if (!hasOwnModels(dir)) files.emplace_back("models/models.yaml", starterModels());
  for (const auto &[name, _] : files) {
    fs::path p = fs::path(dir) / name;
    std::error_code sec;
    // symlink_status: a dangling symlink "does not exist" to fs::exists, yet writing would follow it.
    if (fs::exists(fs::symlink_status(p, sec)) && !force)
      throw Error(p.string() + " already exists", {},
                  "tether init never overwrites; pass --force to replace it");
  }
  std::vector<std::string> written;
  for (const auto &[name, text] : files) {
    fs::path p = fs::path(dir) / name;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    writeFileAtomically(p.string(), text);
    written.push_back(p.string());
  }
  return written;
}

} // namespace tether
