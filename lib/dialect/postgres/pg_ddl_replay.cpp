#include "dialect/postgres/pg_ddl_replay.h"
#include "core/error.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include "core/strings.h"
#include "core/text_position.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_replay_sequence.h"
#include "dialect/postgres/pg_replay_state.h"
#include "dialect/postgres/pg_replay_statement.h"
#include <cctype>
#include <pg_query.h>

namespace tether::pg {

using namespace replay;

namespace {
const char *const kDevDbHint = "pass --dev-db URL to replay the files on PostgreSQL itself, in a throwaway "
                               "schema of that database";

SourceLoc locAt(const ReplayFile &f, size_t offset) {
  return positionOf(f.sql, offset, f.path);
}

// PostgreSQL reports error positions in characters (1-based), its other positions in bytes.
size_t byteOfChar(const std::string &text, int chars) {
  size_t i = 0;
  for (int n = 1; n < chars && i < text.size(); ++n) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
      ++i;
  }
  return i;
}

// Where a statement's text starts: past the white space and comments libpg_query counts in it.
size_t firstCode(const std::string &sql, size_t from, size_t end) {
  size_t i = from;
  while (i < end) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      while (i < end && sql[i] != '\n')
        ++i;
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t close = sql.find("*/", i + 2);
      i = close == std::string::npos || close + 2 > end ? end : close + 2;
    } else {
      break;
    }
  }
  return i < end ? i : from;
}

void replayFile(const ReplayFile &f, ReplayState &s) {
  if (f.sql.find('\0') != std::string::npos)
    throw Error("a NUL byte in a migration file", locAt(f, f.sql.find('\0')), "", ErrorKind::Syntax);
  if (auto deep = findExcessiveNesting(f.sql))
    throw Error("statement too deeply nested to parse: " + deep->message, locAt(f, deep->offset), "",
                ErrorKind::Syntax);
  s.text = &f.sql;
  s.transactional = f.transactional;
  s.inTransaction = false;
  SourceLoc openedAt{f.path, 1, 1};
  // The parser, the JSON reader and the tree walks recurse once per nesting level.
  runWithLargeStack([&] {
    PgQueryParseResult r = pg_query_parse(f.sql.c_str());
    if (r.error) {
      std::string message = r.error->message ? r.error->message : "syntax error";
      size_t at = byteOfChar(f.sql, r.error->cursorpos);
      pg_query_free_parse_result(r);
      throw Error("the SQL does not parse: " + message, locAt(f, at),
                  "fix the statement (then tether migrate hash)", ErrorKind::Syntax);
    }
    Json tree;
    try {
      tree = Json::parse(r.parse_tree ? r.parse_tree : "{}");
    } catch (const std::exception &e) {
      pg_query_free_parse_result(r);
      throw Error(std::string("libpg_query's parse tree could not be read: ") + e.what(),
                  SourceLoc{f.path, 1, 1});
    }
    pg_query_free_parse_result(r);
    for (const auto &entry : at(tree, "stmts")) {
      size_t begin = static_cast<size_t>(std::max<long long>(0, num(entry, "stmt_location", 0)));
      size_t len = static_cast<size_t>(std::max<long long>(0, num(entry, "stmt_len", 0)));
      begin = std::min(begin, f.sql.size());
      size_t end = len ? std::min(f.sql.size(), begin + len) : f.sql.size();
      size_t start = firstCode(f.sql, begin, end);
      s.statement = trim(f.sql.substr(start, end - start));
      while (!s.statement.empty() && s.statement.back() == ';')
        s.statement = trim(s.statement.substr(0, s.statement.size() - 1));
      auto [type, body] = node(at(entry, "stmt"));
      const SourceLoc where = locAt(f, start);
      try {
        const bool wasOpen = s.inTransaction;
        replayStatement(type, *body, s);
        if (s.inTransaction && !wasOpen) openedAt = where;
      } catch (const Refusal &e) {
        throw Error("cannot replay this " + statementKind(type, *body) + " without a database: " + e.what(),
                    where, kDevDbHint, ErrorKind::Unsupported);
      } catch (const Rejection &e) {
        throw Error(
            statementKind(type, *body) + " fails on PostgreSQL: " + e.what(), where,
            "every version must run on an empty database in order; fix the file (then tether migrate hash)",
            ErrorKind::Database);
      } catch (const Error &) {
        throw;
      } catch (const std::exception &e) {
        // A parse tree shaped as the replay did not expect: refused, not guessed.
        throw Error("cannot replay this " + statementKind(type, *body) + " without a database: " + e.what(),
                    where, kDevDbHint, ErrorKind::Unsupported);
      }
    }
  });
  if (s.inTransaction)
    throw Error(
        "the file ends inside its own BEGIN: PostgreSQL rolls back what follows it when the connection "
        "closes",
        openedAt, "end the block with COMMIT", ErrorKind::Database);
  s.text = nullptr;
}

// What introspection reads differently from how the statements wrote it.
void finish(ReplayState &s) {
  try {
    finishSequences(s);
  } catch (const Refusal &e) {
    throw Error(std::string("cannot replay these migrations without a database: ") + e.what(), SourceLoc{},
                kDevDbHint, ErrorKind::Unsupported);
  }
  for (auto &t : s.schema.tables) {
    for (auto &c : t.columns) {
      // A sequence default is how PostgreSQL spells a serial: autoincrement, no default of its own.
      if (c.defaultValue.kind == ColumnDefault::Kind::Sql && isSequenceDefault(c.defaultValue.value) &&
          !c.sequence.present() && !freeSequenceDefault(c, s)) {
        c.autoincrement = true;
        c.defaultValue = ColumnDefault{};
      }
      if (c.type.kind == TypeKind::Enum)
        for (const auto &e : s.schema.enums)
          if (e.name == c.type.enumName) c.type.enumValues = e.values;
    }
    auto key = s.partitionKeys.find(t.name);
    if (key != s.partitionKeys.end()) {
      std::vector<std::string> cols;
      for (const auto &c : key->second.columns)
        cols.push_back(quoteIfNeeded(c));
      t.partitionBy = toUpper(key->second.strategy) + " (" + join(cols, ", ") + ")";
    }
  }
}
} // namespace

Schema replayDdl(const std::vector<ReplayFile> &files) {
  ReplayState s;
  for (const auto &f : files)
    replayFile(f, s);
  finish(s);
  return s.schema;
}

} // namespace tether::pg
