#include "querylog/line_source.h"
#include "core/error.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tether {

namespace {
// No statement in a real log is this long; a longer "line" is a corrupt or hostile file.
constexpr size_t kMaxLineBytes = 256u << 20;
// Real query logs compress 5-50:1; deflate's ceiling is about 1030:1. Past a few MiB of output, a
// ratio above this is a gzip bomb, refused before it fills memory or runs for minutes.
constexpr long long kMaxGzipRatio = 200;
constexpr long long kGzipRatioGrace = 16ll << 20;

bool isGzip(int fd) {
  unsigned char magic[2] = {0, 0};
  ssize_t n = pread(fd, magic, 2, 0);
  return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}
} // namespace

LineSource::LineSource(const std::string &path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw Error("cannot read query log " + path + ": " + std::strerror(errno), SourceLoc{path, 0, 0}, {},
                ErrorKind::Io);
  struct stat st {};
  // A pipe is a fine way to stream a log (<(zcat …)); a device such as /dev/zero never ends.
  bool statted = ::fstat(fd_, &st) == 0;
  regular_ = statted && S_ISREG(st.st_mode);
  if (statted && !S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw Error("query log " + path + " is not a regular file or a pipe", SourceLoc{path, 0, 0},
                "pass the path of a log file");
  }
  if (isGzip(fd_)) {
    gz_ = gzdopen(fd_, "rb");
    if (!gz_) {
      ::close(fd_);
      throw Error("cannot read query log " + path + ": zlib could not open it", SourceLoc{path, 0, 0}, {},
                  ErrorKind::Io);
    }
    fd_ = -1; // owned by gz_ now
    gzbuffer(gz_, 256 * 1024);
  } else {
    posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  buf_.resize(block_);
}

LineSource::LineSource(std::string_view memory) : path_("<memory>"), memory_(memory), fromMemory_(true) {}

LineSource::LineSource(int fd, const std::string &path, long long begin, long long end, long firstLine,
                       size_t block)
    : path_(path), fd_(fd), block_(block), lineNo_(firstLine), regular_(true), ownsFd_(false),
      fileOffset_(begin), rangeEnd_(end) {
  // A short range needs no whole block (a longer line still grows the buffer).
  if (end - begin < static_cast<long long>(block_))
    block_ = std::max<size_t>(4096, static_cast<size_t>(end - begin));
  buf_.resize(block_);
}

LineSource::~LineSource() {
  if (gz_) gzclose(gz_);
  if (fd_ >= 0 && ownsFd_) ::close(fd_);
}

size_t LineSource::fill() {
  if (eof_) return 0;
  // Keep the unconsumed tail (a partial line) at the front; grow only for lines longer than a block.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < block_ / 2) {
    if (buf_.size() >= kMaxLineBytes)
      throw Error("query log " + path_ + " has a line longer than " + std::to_string(kMaxLineBytes >> 20) +
                      " MiB after line " + std::to_string(lineNo_),
                  SourceLoc{path_, static_cast<int>(lineNo_ + 1), 0}, "is it really a text log?");
    buf_.resize(buf_.size() * 2);
  }
  size_t room = buf_.size() - end_;
  long long n;
  if (gz_) {
    n = gzread(gz_, buf_.data() + end_, static_cast<unsigned>(room));
    if (n < 0) {
      int code = 0;
      const char *msg = gzerror(gz_, &code);
      throw Error("cannot read query log " + path_ + ": " + (msg ? msg : "gzip error"),
                  SourceLoc{path_, 0, 0}, {}, ErrorKind::Io);
    }
    if (n == 0) {
      int code = Z_OK;
      gzerror(gz_, &code);
      truncatedGzip_ = code == Z_BUF_ERROR; // zlib: "unexpected end of file"
    }
    inflated_ += n;
    long long packed = static_cast<long long>(gzoffset(gz_));
    if (inflated_ > kGzipRatioGrace && inflated_ > kMaxGzipRatio * (packed > 0 ? packed : 1))
      throw Error("query log " + path_ + " inflates more than " + std::to_string(kMaxGzipRatio) +
                      ":1, which no real log does (a gzip bomb?); stopped after " +
                      std::to_string(inflated_ >> 20) + " MiB",
                  SourceLoc{path_, 0, 0}, "decompress it yourself if it is genuine");
  } else if (rangeEnd_ >= 0) {
    if (static_cast<long long>(room) > rangeEnd_ - fileOffset_)
      room = static_cast<size_t>(rangeEnd_ - fileOffset_);
    do
      n = room ? ::pread(fd_, buf_.data() + end_, room, static_cast<off_t>(fileOffset_)) : 0;
    while (n < 0 && errno == EINTR);
    if (n < 0)
      throw Error("cannot read query log " + path_ + ": " + std::strerror(errno), SourceLoc{path_, 0, 0}, {},
                  ErrorKind::Io);
  } else {
    do
      n = ::read(fd_, buf_.data() + end_, room);
    while (n < 0 && errno == EINTR);
    if (n < 0)
      throw Error("cannot read query log " + path_ + ": " + std::strerror(errno), SourceLoc{path_, 0, 0}, {},
                  ErrorKind::Io);
  }
  if (n == 0) eof_ = true;
  end_ += static_cast<size_t>(n);
  fileOffset_ += n;
  return static_cast<size_t>(n);
}

bool LineSource::next(std::string_view &line) {
  if (fromMemory_) {
    if (memory_.empty()) return false;
    size_t nl = memory_.find('\n');
    unterminated_ = nl == std::string_view::npos;
    line = memory_.substr(0, unterminated_ ? memory_.size() : nl);
    memory_.remove_prefix(unterminated_ ? memory_.size() : nl + 1);
  } else {
    size_t scanFrom = begin_;
    for (;;) {
      const char *start = buf_.data() + scanFrom;
      const void *nl = std::memchr(start, '\n', end_ - scanFrom);
      if (nl) {
        size_t at = static_cast<size_t>(static_cast<const char *>(nl) - buf_.data());
        line = std::string_view(buf_.data() + begin_, at - begin_);
        begin_ = at + 1;
        unterminated_ = false;
        break;
      }
      scanFrom = end_ - begin_; // offset, relative after the move in fill()
      if (fill() == 0) {
        if (begin_ == end_) return false;
        line = std::string_view(buf_.data() + begin_, end_ - begin_);
        begin_ = end_;
        unterminated_ = true;
        break;
      }
      scanFrom += begin_; // begin_ is 0 after fill()
    }
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++lineNo_;
  return true;
}

} // namespace tether
