#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <zlib.h>

namespace tether {

// Reads a file (gzip-compressed or not, detected by its magic bytes) in large blocks and hands out
// its lines without copying them. Memory is one block plus the longest line.
class LineSource {
public:
  explicit LineSource(const std::string &path); // throws Error when the file cannot be opened
  explicit LineSource(std::string_view memory); // for tests and fuzzing: the text itself
  ~LineSource();
  LineSource(const LineSource &) = delete;
  LineSource &operator=(const LineSource &) = delete;

  // The next line without its "\n" (and "\r"); false at the end. `line` stays valid until the next call.
  bool next(std::string_view &line);
  long lineNumber() const { return lineNo_; }
  // True when the last line returned ended the input without a newline (a possibly truncated line).
  bool lastLineUnterminated() const { return unterminated_; }
  const std::string &path() const { return path_; }
  // True when a gzip stream ended before its end marker (a file cut off while copying or writing):
  // what was read is all there is, and the caller should say so.
  bool truncatedGzip() const { return truncatedGzip_; }

private:
  size_t fill(); // reads more into buf_ after the unconsumed tail; returns bytes read
  std::string path_;
  gzFile gz_ = nullptr;
  int fd_ = -1;
  std::string_view memory_;
  bool fromMemory_ = false;
  bool eof_ = false;
  long long inflated_ = 0; // bytes gunzipped so far, for the ratio check
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0; // unconsumed bytes are buf_[begin_, end_)
  long lineNo_ = 0;
  bool unterminated_ = false;
  bool truncatedGzip_ = false;
};

} // namespace tether
