#include "core/safe_file.h"
#include "core/error.h"
#include "core/text_position.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace tether {

namespace {
std::string describeKind(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISCHR(m) || S_ISBLK(m)) return "a device";
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

std::string megabytes(size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}
} // namespace

void requireRegularFile(const std::string &path, const std::string &what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return; // a missing file is the caller's own error
  if (!S_ISREG(st.st_mode))
    throw Error(what + " " + path + " is " + describeKind(st.st_mode) + ", not a regular file", {},
                "pass the path of a regular file");
}

std::string readRegularFile(const std::string &path, size_t maxBytes, const std::string &what) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw Error("cannot read " + what + " " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(what + " " + path + " is " + describeKind(st.st_mode) + ", not a regular file", {},
                "pass the path of a regular file");
  }
  if (static_cast<size_t>(st.st_size) > maxBytes) {
    ::close(fd);
    throw Error(what + " " + path + " is larger than the limit of " + megabytes(maxBytes), {},
                "split it into several files");
  }
  std::string text;
  text.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, &text[got], text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  text.resize(got); // a file that shrank while we read it
  return text;
}

void requireNoNulBytes(const std::string &text, const std::string &path, const std::string &what) {
  size_t nul = text.find('\0');
  if (nul == std::string::npos) return;
  throw Error(what + " holds a NUL byte: the database would stop reading it here and skip the rest",
              positionOf(text, nul, path),
              "is it a binary file, or SQL saved as UTF-16? Save it as UTF-8 text", ErrorKind::Syntax);
}

std::string readSqlFile(const std::string &path, size_t maxBytes, const std::string &what) {
  std::string text = readRegularFile(path, maxBytes, what);
  requireNoNulBytes(text, path, what);
  return text;
}

namespace {
// -o /dev/stdout or a named pipe: written in place; replacing a device node would be wrong.
bool writeSpecialFile(const std::string &path, const std::string &content) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return false;
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw Error("cannot write " + path + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      ::close(fd);
      throw Error("cannot write " + path + ": " + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return true;
}
} // namespace

void writeFileAtomically(const std::string &path, const std::string &content, unsigned mode) {
  if (writeSpecialFile(path, content)) return;
  std::random_device rd;
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    tmp = path + ".tether-tmp-" + std::to_string(rd());
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) throw Error("cannot write " + path + ": " + std::strerror(errno));
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path + ": " + std::strerror(err), {},
                "nothing was changed; check the free space and permissions");
  };
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(n < 0 ? errno : EIO);
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path + ": " + std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw Error("cannot write " + path + ": " + std::strerror(err));
  }
}

} // namespace tether
