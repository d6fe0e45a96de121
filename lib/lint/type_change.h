#pragma once
#include <string>

namespace tether::lint {

// PostgreSQL's rules for ALTER COLUMN TYPE: binary-coercible changes (varchar(n) to a larger n or
// to text/citext, numeric precision up at the same scale, timestamp/time/interval precision up,
// cidr to inet) keep the table; every other change rewrites it.
enum class TypeChange { NoRewrite, Rewrite, Unknown };

// Types as tether spells them: lower-case base name, pg_catalog aliases folded ("int4", "varchar",
// "timestamptz"), then "(mods)" when there are any: "varchar(10)", "numeric(10,2)".
std::string canonicalType(const std::string &type);
// The same from pg_catalog.format_type(): "character varying(10)" -> "varchar(10)".
std::string typeFromCatalog(const std::string &formatted);

TypeChange typeChange(const std::string &from, const std::string &to);
// The new type may not hold every old value (shorter varchar, smaller numeric, int8 -> int4, …).
bool typeNarrows(const std::string &from, const std::string &to);

} // namespace tether::lint
