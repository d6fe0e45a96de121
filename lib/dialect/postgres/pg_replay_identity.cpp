#include "dialect/postgres/pg_replay_identity.h"
#include "dialect/postgres/pg_replay_number.h"
#include "dialect/postgres/pg_replay_state.h"

namespace tether::pg::replay {

IdentityColumn readIdentity(const Json &constraint, const ReplayState &s) {
  IdentityColumn id;
  id.present = true;
  id.always = str(constraint, "generated_when") == "a";
  for (const auto &item : at(constraint, "options")) {
    const Json &opt = at(item, "DefElem");
    const std::string name = str(opt, "defname");
    if (name != "start" && name != "increment") refuse("an identity option " + name);
    const std::optional<long long> value = defElemNumber(opt, s);
    if (!value) refuse("an identity option " + name + " that is not a whole number");
    (name == "start" ? id.start : id.increment) = *value;
  }
  if (id.increment == 0) reject("INCREMENT must not be zero");
  // A descending identity starts at its maximum, -1, as introspection then reads it.
  if (id.increment && *id.increment < 0 && !id.start) id.start = -1;
  if (id.start == 1) id.start.reset();
  if (id.increment == 1) id.increment.reset();
  return id;
}

} // namespace tether::pg::replay
