#pragma once
#include "querylog/log_parser.h"
#include "querylog/statement_event.h"
#include <functional>
#include <memory>
#include <string>

namespace tether {

struct ChunkedReadStats {
  long long lines = 0, statements = 0, skipped = 0, recognized = 0, chunks = 0;
};

// Parses bytes [0, size) of an uncompressed regular file on `threads` threads and hands the
// events to `sink` on this thread in the file's order: the sink sees exactly what one parser
// reading every line would send, with the file's own line numbers.
//
// The file is cut into chunks of about `chunkBytes`, each moved forward to a line the parser says
// starts afresh (LogParser::startsAfresh), and each chunk is parsed by a fresh parser from
// `makeParser`. At most a few chunks per thread are parsed ahead of the sink, so memory does not
// grow with the file. An error while parsing a chunk is raised once the chunks before it have
// reached the sink, by parsing that chunk again here, so it names the line a serial read would.
ChunkedReadStats readChunked(int fd, const std::string &name, long long size,
                             const std::function<std::unique_ptr<LogParser>(StatementSink &)> &makeParser,
                             int threads, size_t chunkBytes, StatementSink &sink,
                             const std::function<void(long long lines)> &progress);

} // namespace tether
