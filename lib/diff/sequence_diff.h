#pragma once
#include "diff/change.h"
#include <vector>

namespace tether {

// The named sequences a schema's columns draw from, one per qualified name (the first column's
// declaration; the loader checks that the others agree).
std::vector<Sequence> columnSequences(const Schema &s);

// Sequences the models name and the database lacks are created; those whose start or increment
// differ are altered; a sequence the database shows in use by a column default (so a model made
// it) and no model column names any more is dropped. A free-standing sequence no column uses is
// the database's own, unmanaged: left alone. A sequence the database holds with options tether
// does not model (AS integer, CACHE, CYCLE…) is unmanaged too and never altered.
void diffSequences(const Schema &desired, const Schema &current, std::vector<Change> &out);

// A sequence the database holds and a model column names (as create_all() leaves it: no column
// default calls it, so the database lists it as unmanaged): the model's, not left alone.
bool modelNamesSequence(const Schema &desired, const UnmanagedObject &u);

// " start 1000 increment 10": the options a model gives, as plans describe them.
std::string sequenceOptionsText(const Sequence &s);

} // namespace tether
