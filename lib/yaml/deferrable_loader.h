#pragma once
#include "model/deferrable.h"
#include "yaml/yaml_nodes.h"
#include <vector>

namespace tether::yamlin {

// `deferrable: true` and `initially: DEFERRED | IMMEDIATE` among a constraint's keys (SQLAlchemy's
// deferrable= and initially=). `initially: DEFERRED` alone implies deferrable, as in SQL;
// with `deferrable: false` it is an error (the database refuses it).
void loadDeferrable(const std::string &file, const std::vector<Entry> &es, Deferrability &out,
                    Diagnostics &diags, const std::string &what);

} // namespace tether::yamlin
