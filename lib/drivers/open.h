#pragma once
#include "dialect/connection.h"
#include "dialect/dialect.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <memory>
#include <string>
#include <vector>

namespace tether {

// The one table from URL scheme to dialect. Throws Error (exit 2) when the database cannot be
// reached; the message never contains the password.
std::unique_ptr<Connection> openConnection(const std::string &url, const OpenOptions &opts = {});
// False only for a SQLite file that does not exist yet (plan shows what apply would create).
bool databaseExists(const std::string &url);
// A dialect by name ("sqlite", "postgresql"), for work that needs no connection (migrate new).
const Dialect &dialectByName(const std::string &name);
// Every dialect tether knows, by name, in the order commands list and visit them: the one list a
// new dialect is added to (flag validators, per-dialect model keys, migration folders).
const std::vector<std::string> &knownDialects();
// The dialect's name for a word a user or a folder gives (an alias such as "postgres" too); ""
// when it names none.
std::string dialectNamed(const std::string &word);
// The dialect a URL's scheme names, without connecting (to split a script before the database exists).
const Dialect &dialectForUrl(const std::string &url);

} // namespace tether
