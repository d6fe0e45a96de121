#pragma once
#include <map>
#include <string>

namespace tether {

// A database URL in SQLAlchemy's spelling:
//   sqlite:///relative.db, sqlite:////abs/path.db, sqlite://, sqlite:///:memory:
//   postgresql://user:pass@host:port/db?sslmode=require (also postgres://, postgresql+psycopg2://)
struct DbUrl {
  std::string scheme;   // "sqlite" or "postgresql"
  std::string original; // as given
  std::string path;     // sqlite: file path, ":memory:" for in-memory
  std::string user, password, host, database;
  int port = 0;
  std::map<std::string, std::string> query;

  // The URL with the password replaced by ***: the only form ever printed.
  std::string masked() const;
  // A libpq connection string (key=value, values quoted) for PostgreSQL.
  std::string libpqConninfo() const;
};

// Throws Error (exit 2) with a hint on a malformed or unsupported URL.
DbUrl parseDbUrl(const std::string &url);
// Masks any password in free text that may contain a URL or conninfo (error messages from drivers).
std::string maskSecrets(const std::string &text, const DbUrl &url);

} // namespace tether
