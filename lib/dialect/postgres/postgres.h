#pragma once
#include "dialect/connection.h"
#include "drivers/open.h"
#include "drivers/url.h"
#include <memory>

namespace tether {
const Dialect &postgresDialect();
std::unique_ptr<Connection> openPostgres(const DbUrl &url, const OpenOptions &opts);
} // namespace tether
