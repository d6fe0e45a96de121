#pragma once
#include "dialect/connection.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <memory>

namespace tether {
const Dialect &postgresDialect();
std::unique_ptr<Connection> openPostgres(const DbUrl &url, const OpenOptions &opts);
} // namespace tether
