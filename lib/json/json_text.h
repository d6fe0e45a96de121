#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace tether {

// Every JSON document tether writes is built as one of these: members keep the order they were
// added in, so output is stable and reads in the order a person expects.
using Json = nlohmann::ordered_json;

// A value on one line in tether's layout: `{"key": value, "list": [1, 2]}` (a space after each
// `:` and `,`, which the tests and users' scripts match on). Strings are UTF-8 as-is with invalid
// bytes replaced by U+FFFD, so the output is always valid JSON; floating numbers (durations in
// milliseconds) carry three decimals.
std::string jsonLine(const Json &value);

// The members of an object on one line without its braces, for documents that spread their
// top level over several lines.
std::string jsonMembers(const Json &object);

} // namespace tether
