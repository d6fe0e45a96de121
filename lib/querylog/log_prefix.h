#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tether {

// What a PostgreSQL stderr line's prefix told: the session and the time.
struct PrefixFields {
  std::string_view session; // %c when the prefix has it, else %p
  double timestampMs = -1;
  size_t end = 0;     // where the severity ("LOG:  …") starts
  size_t message = 0; // where the message after "SEVERITY:  " starts
};

// A compiled log_line_prefix in PostgreSQL's (and pgBadger's --prefix) notation: "%m [%p] %q%u@%d ".
class LogLinePrefix {
public:
  // Throws Error when the prefix has neither %p nor %c (no way to tell sessions apart).
  explicit LogLinePrefix(std::string_view spec);
  const std::string &spec() const { return spec_; }

  // Matches the start of `line`, including the "SEVERITY:  " that must follow the prefix; on success
  // fills `f` (f.end is the start of the severity) and `severity`, in English whatever lc_messages
  // the server wrote it in ("FEHLER" and "ERREUR" are "ERROR").
  bool match(std::string_view line, PrefixFields &f, std::string_view &severity) const;

  // The prefix that matches most of these lines, among the common ones (Debian's default first).
  static std::optional<LogLinePrefix> detect(const std::vector<std::string> &lines);

private:
  struct Step {
    char escape = 0;     // 0: a literal
    std::string literal; // the literal, or for an escape the literal that follows it (may be "")
  };
  // `severity`, when given, is set when the steps read the severity that follows them already.
  bool matchSteps(std::string_view line, size_t stepsEnd, PrefixFields &f,
                  std::string_view *severity = nullptr) const;
  std::string spec_;
  std::vector<Step> steps_;
  size_t qStep_ = static_cast<size_t>(-1); // %q: the prefix may stop here (non-session processes)
  bool hasSessionId_ = false;
};

} // namespace tether
