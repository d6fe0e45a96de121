#include "lint/sqlite_reader.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_split.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include "lint/source_text.h"
#include <algorithm>
#include <memory>
#include <sqlite3.h>

namespace tether::lint {

namespace {
using sqlite::Token;

class Cursor {
public:
  Cursor(const std::vector<Token> &t, size_t from, size_t to) : t_(t), i_(from), to_(to) {}
  bool done() const { return i_ >= to_; }
  const Token *peek(size_t ahead = 0) const { return i_ + ahead < to_ ? &t_[i_ + ahead] : nullptr; }
  bool is(std::string_view kw, size_t ahead = 0) const { return peek(ahead) && peek(ahead)->isKeyword(kw); }
  bool accept(std::string_view kw) {
    if (!is(kw)) return false;
    ++i_;
    return true;
  }
  bool acceptAll(std::initializer_list<std::string_view> kws) {
    size_t k = 0;
    for (auto kw : kws)
      if (!is(kw, k++)) return false;
    i_ += kws.size();
    return true;
  }
  const Token *next() { return done() ? nullptr : &t_[i_++]; }
  // [schema .] name
  bool qualifiedName(std::string &schema, std::string &name, size_t &offset) {
    const Token *a = peek();
    if (!a || !a->isName()) return false;
    offset = a->offset;
    ++i_;
    if (peek() && peek()->isPunct('.') && peek(1) && peek(1)->isName()) {
      schema = a->value;
      name = peek(1)->value;
      i_ += 2;
    } else {
      name = a->value;
    }
    return true;
  }
  std::string name() {
    const Token *a = peek();
    if (!a || !a->isName()) return "";
    ++i_;
    return a->value;
  }
  // The rest of a column definition at nesting depth 0.
  void readColumnTail(Operation &op) {
    int depth = 0;
    while (!done()) {
      const Token *t = next();
      if (t->isPunct('('))
        ++depth;
      else if (t->isPunct(')'))
        --depth;
      else if (depth == 0 && t->isKeyword("NOT") && is("NULL"))
        op.notNull = true;
      else if (depth == 0 && t->isKeyword("DEFAULT"))
        op.hasDefault = true;
      else if (depth == 0 && t->isKeyword("PRIMARY"))
        op.notNull = true;
    }
  }

private:
  const std::vector<Token> &t_;
  size_t i_, to_;
};

// (a, b, c): names up to the closing parenthesis, which is consumed.
std::vector<std::string> nameList(Cursor &c) {
  std::vector<std::string> names;
  while (!c.done()) {
    const Token *t = c.next();
    if (t->isPunct(')')) break;
    if (t->isName()) names.push_back(t->value);
  }
  return names;
}

// A SELECT's expressions up to FROM: each a column name, or "" when it is anything else.
std::vector<std::string> selectList(Cursor &c) {
  std::vector<std::string> out;
  std::vector<const Token *> item;
  int depth = 0;
  auto flush = [&]() {
    bool plain = item.size() == 1 && item[0]->isName();
    bool qualified = item.size() == 3 && item[0]->isName() && item[1]->isPunct('.') && item[2]->isName();
    out.push_back(plain ? item[0]->value : qualified ? item[2]->value : "");
    item.clear();
  };
  while (!c.done() && !(depth == 0 && c.is("FROM"))) {
    const Token *t = c.next();
    if (t->isPunct('(')) ++depth;
    if (t->isPunct(')')) --depth;
    if (depth == 0 && t->isPunct(','))
      flush();
    else
      item.push_back(t);
  }
  if (!item.empty()) flush();
  return out;
}

// The body of CREATE TABLE t ( … ), after its '(': column names in order, NOT NULL / PRIMARY KEY
// columns, and UNIQUE / PRIMARY KEY keys.
void readTableBody(Cursor &c, Operation &op) {
  std::vector<const Token *> item;
  auto finish = [&]() {
    if (item.empty()) return;
    const Token *first = item[0];
    bool tableConstraint = first->isKeyword("CONSTRAINT") || first->isKeyword("PRIMARY") ||
                           first->isKeyword("UNIQUE") || first->isKeyword("CHECK") ||
                           first->isKeyword("FOREIGN");
    if (tableConstraint) {
      bool unique = false, primary = false;
      for (size_t i = 0; i < item.size(); ++i) {
        if (item[i]->isKeyword("UNIQUE")) unique = true;
        if (item[i]->isKeyword("PRIMARY")) primary = true;
        if ((unique || primary) && item[i]->isPunct('(')) {
          std::vector<std::string> key;
          for (size_t k = i + 1; k < item.size() && !item[k]->isPunct(')'); ++k) {
            if (item[k]->isKeyword("COLLATE")) {
              ++k;
              continue;
            }
            if (item[k]->isName() && !item[k]->isKeyword("ASC") && !item[k]->isKeyword("DESC"))
              key.push_back(item[k]->value);
          }
          op.uniqueKeys.push_back(key);
          break;
        }
      }
    } else if (first->isName()) {
      std::string name = first->value;
      op.tableColumns.push_back(name);
      for (size_t i = 1; i < item.size(); ++i) {
        // Only NOT NULL: SQLite lets a PRIMARY KEY column hold NULL (and fills an INTEGER one).
        if (item[i]->isKeyword("NOT") && i + 1 < item.size() && item[i + 1]->isKeyword("NULL"))
          op.notNullColumns.push_back(name);
        if (item[i]->isKeyword("UNIQUE") || item[i]->isKeyword("PRIMARY")) op.uniqueKeys.push_back({name});
      }
    }
    item.clear();
  };
  int depth = 0;
  while (!c.done()) {
    const Token *t = c.next();
    if (t->isPunct('(')) ++depth;
    if (t->isPunct(')') && depth-- == 0) break;
    if (depth == 0 && t->isPunct(','))
      finish();
    else
      item.push_back(t);
  }
  finish();
}

void readIfNotExists(Cursor &c) {
  c.acceptAll({"IF", "NOT", "EXISTS"}) || c.acceptAll({"IF", "EXISTS"});
}

std::vector<Operation> readOps(const std::vector<Token> &tokens, size_t from, size_t to) {
  std::vector<Operation> ops;
  Cursor c(tokens, from, to);
  Operation op;
  op.offset = tokens[from].offset;
  if (c.accept("CREATE")) {
    c.accept("TEMP") || c.accept("TEMPORARY");
    bool unique = c.accept("UNIQUE");
    if (c.accept("TABLE")) {
      readIfNotExists(c);
      op.kind = OpKind::CreateTable;
      size_t at;
      if (!c.qualifiedName(op.schema, op.table, at)) return ops;
      if (c.peek() && c.peek()->isPunct('(')) {
        c.next();
        readTableBody(c, op);
      }
      ops.push_back(op);
    } else if (c.accept("INDEX")) {
      readIfNotExists(c);
      op.kind = OpKind::CreateIndex;
      op.unique = unique;
      std::string s, n;
      size_t at;
      c.qualifiedName(s, op.constraintName, at);
      if (!c.accept("ON") || !c.qualifiedName(s, op.table, at)) return ops;
      bool plain = true;
      if (c.peek() && c.peek()->isPunct('(')) {
        c.next();
        while (!c.done() && !c.peek()->isPunct(')')) {
          const Token *t = c.next();
          if (t->isName() && c.peek() &&
              (c.peek()->isPunct(',') || c.peek()->isPunct(')') || c.is("ASC") || c.is("DESC") ||
               c.is("COLLATE")))
            op.columns.push_back(t->value);
          else if (t->isName() || t->isPunct('('))
            plain = plain && t->isName();
          if (t->isPunct('(')) plain = false;
        }
        c.next();
      }
      if (c.accept("WHERE")) plain = false;
      if (!plain) op.columns.clear();
      ops.push_back(op);
    }
  } else if (c.accept("DROP")) {
    if (c.accept("TABLE")) {
      readIfNotExists(c);
      op.kind = OpKind::DropTable;
      size_t at;
      if (c.qualifiedName(op.schema, op.table, at)) ops.push_back(op);
    }
  } else if (c.accept("DELETE")) {
    c.accept("FROM");
    op.kind = OpKind::Truncate;
    size_t at;
    if (c.qualifiedName(op.schema, op.table, at)) {
      bool where = false;
      while (!c.done())
        if (c.next()->isKeyword("WHERE")) where = true;
      if (!where) ops.push_back(op);
    }
  } else if (c.accept("UPDATE")) {
    if (c.accept("OR")) c.next(); // UPDATE OR REPLACE …
    op.kind = OpKind::Update;
    size_t at;
    if (!c.qualifiedName(op.schema, op.table, at) || !c.accept("SET")) return ops;
    int depth = 0;
    bool expectName = true;
    while (!c.done() && !(depth == 0 && (c.is("WHERE") || c.is("FROM") || c.is("RETURNING")))) {
      const Token *t = c.next();
      if (t->isPunct('('))
        ++depth;
      else if (t->isPunct(')'))
        --depth;
      else if (depth == 0 && t->isPunct(','))
        expectName = true;
      else if (expectName && t->isName()) {
        op.columns.push_back(t->value);
        expectName = false;
      } else
        expectName = false;
    }
    ops.push_back(op);
  } else if (c.accept("ALTER")) {
    size_t at;
    if (!c.accept("TABLE") || !c.qualifiedName(op.schema, op.table, at)) return ops;
    if (c.accept("RENAME")) {
      if (c.accept("TO")) {
        op.kind = OpKind::RenameTable;
        op.newName = c.name();
      } else {
        c.accept("COLUMN");
        op.kind = OpKind::RenameColumn;
        op.column = c.name();
        c.accept("TO");
        op.newName = c.name();
      }
      ops.push_back(op);
    } else if (c.accept("ADD")) {
      c.accept("COLUMN");
      op.kind = OpKind::AddColumn;
      op.column = c.name();
      if (c.peek() && c.peek()->isName()) op.typeName = op.baseType = toLower(c.peek()->value);
      c.readColumnTail(op);
      ops.push_back(op);
    } else if (c.accept("DROP")) {
      c.accept("COLUMN");
      op.kind = OpKind::DropColumn;
      op.column = c.name();
      ops.push_back(op);
    }
  } else if (c.accept("PRAGMA")) {
    std::string s, name;
    size_t at;
    c.qualifiedName(s, name, at);
    name = toLower(name);
    if (name == "foreign_keys") {
      op.kind = OpKind::ForeignKeysPragma;
      if (c.peek() && (c.peek()->isPunct('=') || c.peek()->isPunct('('))) c.next();
      const Token *v = c.next();
      if (!v) return ops; // a read of the setting changes nothing
      std::string value = toLower(v->value);
      op.enabled = value == "on" || value == "1" || value == "true" || value == "yes";
      ops.push_back(op);
    } else if (name == "foreign_key_check") {
      op.kind = OpKind::ForeignKeyCheck;
      ops.push_back(op);
    }
  } else if (c.accept("INSERT") || c.accept("REPLACE")) {
    if (c.accept("OR")) c.next();
    size_t at;
    if (!c.accept("INTO") || !c.qualifiedName(op.schema, op.table, at)) return ops;
    op.kind = OpKind::CopyRows;
    if (c.peek() && c.peek()->isPunct('(')) {
      c.next();
      op.columns = nameList(c);
    }
    if (!c.accept("SELECT")) return ops;
    c.accept("DISTINCT") || c.accept("ALL");
    op.sourceColumns = selectList(c);
    std::string s;
    if (c.accept("FROM") && c.qualifiedName(s, op.newName, at)) ops.push_back(op);
  } else if (c.accept("SELECT")) {
    // tether's own rebuilds check with the table-valued form: SELECT … FROM pragma_foreign_key_check('t')
    while (!c.done())
      if (c.next()->isKeyword("pragma_foreign_key_check")) {
        op.kind = OpKind::ForeignKeyCheck;
        ops.push_back(op);
        break;
      }
  } else if (c.accept("BEGIN")) {
    op.kind = OpKind::Begin;
    ops.push_back(op);
  } else if (c.accept("COMMIT") || c.accept("END") || c.accept("ROLLBACK")) {
    if (c.is("TO")) return ops; // ROLLBACK TO SAVEPOINT
    op.kind = OpKind::Commit;
    ops.push_back(op);
  }
  return ops;
}

struct SqliteCloser {
  void operator()(sqlite3 *db) const { sqlite3_close(db); }
};

// SQLite's parser on the statement alone, in a scratch in-memory database. SQLite looks an
// ALTER TABLE's table up before it reads the rest, so a missing table is made (empty) and the
// statement read again; other semantic errors (no such column) are not ours to judge.
void checkSyntax(sqlite3 *db, const std::string &sql, Statement &st) {
  if (!db) return;
  std::string text = sql.substr(st.begin, st.end - st.begin) + ";";
  std::string msg;
  for (int attempt = 0; attempt < 4; ++attempt) {
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, text.c_str(), int(text.size()), &stmt, nullptr);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_OK) return;
    msg = sqlite3_errmsg(db);
    const std::string missing = "no such table: ";
    if (!startsWith(msg, missing)) break;
    std::string name = msg.substr(missing.size());
    size_t dot = name.rfind('.');
    if (dot != std::string::npos) name = name.substr(dot + 1);
    const std::string quoted = sqlQuoted(name, '"');
    if (sqlite3_exec(db, ("CREATE TABLE " + quoted + " (id INTEGER)").c_str(), nullptr, nullptr, nullptr) !=
        SQLITE_OK)
      return;
  }
  if (msg.find("syntax error") == std::string::npos && msg.find("incomplete input") == std::string::npos &&
      msg.find("unrecognized token") == std::string::npos)
    return;
  st.syntaxError = true;
  st.errorMessage = msg;
  st.errorOffset = st.begin;
#if SQLITE_VERSION_NUMBER >= 3038000
  int at = sqlite3_error_offset(db);
  if (at >= 0) st.errorOffset = st.begin + std::min(size_t(at), st.end - st.begin);
#endif
  if (msg.find("incomplete input") != std::string::npos) st.errorOffset = st.end;
}

} // namespace

std::vector<Statement> readSqliteStatements(const std::string &sql) {
  std::vector<Token> tokens = sqlite::tokenize(sql);
  sqlite3 *raw = nullptr;
  if (sqlite3_open(":memory:", &raw) != SQLITE_OK) {
    sqlite3_close(raw);
    raw = nullptr;
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  std::vector<Statement> out;
  size_t previousEnd = 0;
  for (const auto &[start, stop] : sqlite::statementRanges(tokens)) {
    Statement st;
    st.begin = tokens[start].offset;
    st.end = tokens[stop - 1].end;
    st.ops = readOps(tokens, start, stop);
    checkSyntax(db.get(), sql, st);
    st.nolint = nolintRules(sql, previousEnd, st.begin, st.end, &st.nolintWithoutReason);
    st.outsideTransaction = followedByOutsideTransactionMarker(sql, st.end);
    previousEnd = st.end;
    out.push_back(std::move(st));
  }
  return out;
}

} // namespace tether::lint
