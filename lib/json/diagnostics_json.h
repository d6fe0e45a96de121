#pragma once
#include "core/diagnostic.h"
#include <string>

namespace tether {

// `tether check --format json`: {"tool", "version", "diagnostics": [{severity, code, message,
// hint, location: {file, line, column}}, …], "summary": {error, warning}}, one diagnostic a line.
std::string diagnosticsJson(const Diagnostics &diags);

} // namespace tether
