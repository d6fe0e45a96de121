#pragma once
#include <cstddef>
#include <string>

namespace tether {

// What tether will read into memory from one input file. A model file or a migration is text a
// person wrote; anything larger is a mistake or an attack, refused before it is read.
constexpr size_t kMaxModelFileBytes = 16u << 20;     // 16 MiB per model file
constexpr size_t kMaxMigrationFileBytes = 32u << 20; // 32 MiB per migration file
constexpr size_t kMaxConfigFileBytes = 1u << 20;     // 1 MiB for tether.yaml

// Throws Error (exit 2) when path exists but is not a regular file (a device such as /dev/zero,
// a FIFO, a socket, a directory): reading one would block or never end.
void requireRegularFile(const std::string &path, const std::string &what);
// The whole file, refused when it is not a regular file or larger than maxBytes.
std::string readRegularFile(const std::string &path, size_t maxBytes, const std::string &what);

// Throws a Syntax Error at the first NUL byte of text (a binary file, or SQL saved as UTF-16).
// Databases read SQL as a C string: everything after a NUL would be silently skipped.
void requireNoNulBytes(const std::string &text, const std::string &path, const std::string &what);

// A SQL file as the database would read it: readRegularFile, then requireNoNulBytes.
std::string readSqlFile(const std::string &path, size_t maxBytes, const std::string &what);

// Replaces path with content without ever writing through a link: the text goes to a new temp
// file beside it (created O_EXCL|O_NOFOLLOW), is synced, and is renamed over path. A symlink at
// path is replaced, never followed; on any failure path is untouched and the temp file removed.
void writeFileAtomically(const std::string &path, const std::string &content, unsigned mode = 0644);

} // namespace tether
