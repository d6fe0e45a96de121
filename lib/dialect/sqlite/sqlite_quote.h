#pragma once
#include <string>
#include <vector>

namespace tether::sqlite {

// "name" with embedded double quotes doubled: any text is a safe identifier.
std::string quoteIdent(const std::string &ident);
// 'value' with embedded single quotes doubled.
std::string quoteLiteral(const std::string &value);
// ("a", "b")
std::string quoteList(const std::vector<std::string> &idents);

} // namespace tether::sqlite
