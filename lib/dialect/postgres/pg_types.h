#pragma once
#include "model/column_type.h"
#include "model/schema.h"
#include <string>

namespace tether::pg {

// The PostgreSQL spelling of a model type, without identity: `varchar(255)`, `numeric(10,2)`,
// `"order_status"` for a native enum. Throws Error for a custom type with no `postgresql:` spelling.
std::string baseType(const ColumnType &t);
// The column type as written in CREATE TABLE / ADD COLUMN: the base type, or serial / bigserial /
// smallserial for an autoincrementing integer.
std::string columnType(const Column &c);

// A type spelling in the form format_type() prints, so that aliases compare equal:
// `int4` -> `integer`, `varchar(255)` -> `character varying(255)`, `timestamptz` ->
// `timestamp with time zone`, `numeric(10)` -> `numeric(10,0)`.
std::string canonicalType(const std::string &spelling);
// A database type (format_type spelling) as a model type; Custom {postgresql: …} when no model
// type matches.
ColumnType modelTypeOf(const std::string &dbType);

} // namespace tether::pg
