#pragma once
#include "dialect/connection.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <memory>

namespace tether {
const Dialect &sqliteDialect();
std::unique_ptr<Connection> openSqlite(const DbUrl &url, const OpenOptions &opts);
} // namespace tether
