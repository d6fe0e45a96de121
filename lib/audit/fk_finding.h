#pragma once
#include "audit/finding.h"
#include "model/schema.h"

namespace tether {

// A finding about one foreign key of `table`: the check, its severity and the key's both ends,
// as every check about a foreign key reports them; the caller adds the message and the fix.
Finding foreignKeyFinding(const char *check, Severity severity, const std::string &table,
                          const ForeignKey &fk);

} // namespace tether
