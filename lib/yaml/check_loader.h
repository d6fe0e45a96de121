#pragma once
#include "core/diagnostic.h"
#include "model/schema.h"
#include "yaml/yaml_nodes.h"
#include <string>

namespace tether::yamlin {

// `check: "price > 0"` or `check: {sql: "price > 0", name: ck_price}` on column `column`.
void loadColumnCheck(const std::string &file, Table &table, const std::string &column, const Entry &e,
                     Diagnostics &diags);
// `checks: [{sql: "a < b", name: ck_ab}, "c > 0", …]` on a table or model.
void loadTableChecks(const std::string &file, Table &table, const Entry &e, Diagnostics &diags);
// `primary_key: {name: pk_users, columns: [id]}`; false when the value is not a mapping (the list
// form is the caller's).
bool loadNamedPrimaryKey(const std::string &file, Table &table, const Entry &e, Diagnostics &diags,
                         std::vector<std::string> &columns);

} // namespace tether::yamlin
