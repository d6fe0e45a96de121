#pragma once
#include "model/schema.h"
#include <string>

namespace tether::pg {

// Everything of CREATE INDEX after `ON table`: `USING method (elements) INCLUDE (…) NULLS NOT
// DISTINCT WHERE predicate`, each part only where the index has it.
std::string indexDefinitionSql(const Index &ix);

} // namespace tether::pg
