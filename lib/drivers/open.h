#pragma once
#include "dialect/connection.h"
#include "dialect/dialect.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <memory>
#include <string>

namespace tether {

// The one table from URL scheme to dialect. Throws Error (exit 2) when the database cannot be
// reached; the message never contains the password.
std::unique_ptr<Connection> openConnection(const std::string &url, const OpenOptions &opts = {});
// False only for a SQLite file that does not exist yet (plan shows what apply would create).
bool databaseExists(const std::string &url);
// A dialect by name ("sqlite", "postgresql"), for work that needs no connection (migrate new).
const Dialect &dialectByName(const std::string &name);

} // namespace tether
