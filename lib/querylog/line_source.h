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
  // Bytes [begin, end) of an uncompressed regular file, read with pread so that several sources
  // can share one descriptor across threads, in blocks of `block` bytes. Lines are numbered from
  // `firstLine` + 1.
  LineSource(int fd, const std::string &path, long long begin, long long end, long firstLine,
             size_t block = size_t(1) << 20);
  ~LineSource();
  LineSource(const LineSource &) = delete;
  LineSource &operator=(const LineSource &) = delete;

  // The next line without its "\n" (and "\r"); false at the end. `line` stays valid until the next call.
  bool next(std::string_view &line);
  long lineNumber() const { return lineNo_; }
  // True when the last line returned ended the input without a newline (a possibly truncated line).
  bool lastLineUnterminated() const { return unterminated_; }
  const std::string &path() const { return path_; }
  // True for an uncompressed regular file, whose byte ranges can be read in parallel.
  bool plainRegularFile() const { return fd_ >= 0 && regular_; }
  int fd() const { return fd_; }
  // The file offset where the next line starts (plain files and ranges).
  long long offset() const { return fileOffset_ - static_cast<long long>(end_ - begin_); }
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
  size_t block_ = size_t(1) << 20;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0; // unconsumed bytes are buf_[begin_, end_)
  long lineNo_ = 0;
  bool unterminated_ = false;
  bool truncatedGzip_ = false;
  bool regular_ = false;
  bool ownsFd_ = true;
  long long fileOffset_ = 0; // file offset of buf_[end_]
  long long rangeEnd_ = -1;  // a range's end; < 0: read to the end of the file
};

// A server that crashed while writing leaves a run of NUL bytes where its last block was
// preallocated; the log goes on after it. Such runs are dropped from the start of a line.
inline std::string_view withoutLeadingNuls(std::string_view l) {
  size_t i = 0;
  while (i < l.size() && l[i] == '\0')
    ++i;
  return l.substr(i);
}

} // namespace tether
