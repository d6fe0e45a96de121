#pragma once
#include <string>

namespace tether {

// English number for the names inspect gives classes (singular: Address, Person, Series) and
// collections (plural: addresses, people). Words are matched in lower case and keep their own
// case where the ending is regular; irregular and invariable words come from a table, so "alias",
// "series", "status" and "people" do not fall to the suffix rules ("Alia", "Sery").
std::string singular(const std::string &word);
std::string plural(const std::string &word);

} // namespace tether
