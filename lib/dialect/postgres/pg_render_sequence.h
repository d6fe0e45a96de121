#pragma once
#include "dialect/postgres/pg_render_parts.h"

namespace tether::pg {

// CREATE / ALTER / DROP SEQUENCE for a model's named sequence, as SQLAlchemy's create_all() writes
// it: a free-standing sequence, owned by no column.
void renderCreateSequence(const step::CreateSequence &ch, StepSink &out);
void renderAlterSequence(const step::AlterSequence &ch, StepSink &out);
void renderDropSequence(const step::DropSequence &ch, StepSink &out);

} // namespace tether::pg
