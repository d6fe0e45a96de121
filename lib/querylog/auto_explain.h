#pragma once
#include <string>
#include <string_view>

namespace tether {

// The statement an auto_explain plan was logged for ("duration: 1.2 ms  plan:" and what follows):
// its "Query Text", in the text format or the JSON one. False when the plan names none (another
// format, a plan cut off, log_nested_statements output without text).
bool autoExplainQueryText(std::string_view plan, std::string &text);

} // namespace tether
