#pragma once
#include "dialect/connection.h"
#include "drivers/open.h"
#include "drivers/url.h"
#include <memory>

namespace tether {
const Dialect &sqliteDialect();
std::unique_ptr<Connection> openSqlite(const DbUrl &url, const OpenOptions &opts);
} // namespace tether
