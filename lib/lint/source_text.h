#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tether::lint {

// Byte offsets to 1-based line and column (columns count UTF-8 characters, as editors do).
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  int line(size_t offset) const;
  int column(size_t offset) const;

private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

// The first offset in [from, to) that is not whitespace or a comment (to when none).
size_t skipSpaceAndComments(std::string_view sql, size_t from, size_t to);

// Rules named by `-- tether:nolint rule[,rule] reason` comments that belong to the statement
// [begin, end): comments between `leadFrom` and begin on lines after the previous statement's
// last line, and a comment on the same line right after the statement's `;`.
// `noReason` (when given) is set when such a comment names rules but gives no reason.
std::vector<std::string> nolintRules(std::string_view sql, size_t leadFrom, size_t begin, size_t end,
                                     bool *noReason = nullptr);

// The statement ending at `end` is followed (after its `;` and whitespace) by the comment
// `-- (runs outside the transaction)` that tether writes after a non-transactional step.
bool followedByOutsideTransactionMarker(std::string_view sql, size_t end);

// `-- tether:no-transaction` anywhere in the file: the runner will not wrap it in a transaction.
bool hasNoTransactionMarker(std::string_view sql);

} // namespace tether::lint
