#include "lint/analyzer.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "lint/source_text.h"
#include "lint/statement_reader.h"
#include "lint/type_change.h"
#include <algorithm>
#include <cctype>
#include <map>

namespace tether::lint {

namespace {

// public.t and t name the same table under the default search_path.
std::string key(const std::string &schema, const std::string &table) {
  return toLower(schema.empty() || iequals(schema, "public") ? table : schema + "." + table);
}

class FileAnalyzer {
public:
  FileAnalyzer(const std::string &sql, const std::vector<Statement> &stmts, const AnalyzerOptions &opts,
               AnalyzerState &state)
      : sql_(sql), stmts_(stmts), pg_(isPostgres(dialectByName(opts.dialect))),
        dialect_(dialectByName(opts.dialect)), state_(state) {
    fileTransaction_ = !hasNoTransactionMarker(sql);
    foreignKeysOff_ = !pg_ && opts.sqliteRunnerForeignKeysOff;
  }

  std::vector<Candidate> run() {
    findRebuilds();
    for (size_t i = 0; i < stmts_.size(); ++i) {
      current_ = &stmts_[i];
      index_ = i;
      if (current_->syntaxError) {
        Operation none;
        emit("syntax-error", none, current_->errorOffset, "syntax error: " + current_->errorMessage, "");
        continue;
      }
      checkNolintNames();
      for (const auto &op : current_->ops)
        visit(op);
    }
    if (explicitTransaction_ > 0 && !stmts_.empty()) {
      current_ = &stmts_[beginAt_];
      emit("uncommitted-transaction", Operation{}, current_->begin,
           "BEGIN without COMMIT: the transaction is still open at the end of the file", "COMMIT;");
    }
    if (!pg_) {
      checkRebuildsVerified();
      checkRebuildCopies();
    }
    return std::move(out_);
  }

private:
  const std::string &sql_;
  const std::vector<Statement> &stmts_;
  bool pg_;
  const Dialect &dialect_;
  AnalyzerState &state_;
  std::vector<Candidate> out_;
  const Statement *current_ = nullptr;
  size_t index_ = 0;
  bool fileTransaction_ = true;
  int explicitTransaction_ = 0;
  bool lockTimeout_ = false, lockTimeoutReported_ = false;
  bool statementTimeout_ = false, statementTimeoutReported_ = false;
  size_t beginAt_ = 0; // statement index of the open explicit BEGIN
  // Constraints added NOT VALID in the transaction still open: name -> whether that transaction
  // is the file's own (a VALIDATE later in it scans under the ADD's lock).
  std::map<std::string, std::string> notValidInTransaction_; // name -> the ADD statement's text
  std::map<std::string, std::string> notValidLock_;          // name -> the lock the ADD took
  std::set<std::string> viewsCreated_; // CREATE VIEW names in this file (Atlas's rename exemption)
  bool foreignKeysOff_ = false, sawForeignKeysOffInTransaction_ = false;
  std::set<std::string> created_;
  std::set<std::string> backfilled_; // table.column set by an UPDATE (or a default) earlier in the file
  std::set<std::string> createdConstraints_; // dropping one made in this file loses nothing
  // Rebuilds: the DROP of the old table (statement index) and the RENAME that replaces it.
  std::map<size_t, size_t> rebuildDropToRename_;
  std::set<size_t> rebuildRenames_;

  // The runner wraps the file in a transaction, except a file marked -- tether:no-transaction and
  // statements tether marks "-- (runs outside the transaction)".
  bool inTransaction() const {
    return (fileTransaction_ && !(current_ && current_->outsideTransaction)) || explicitTransaction_ > 0;
  }
  std::string q(const std::string &name) const { return dialect_.quoteIdent(name); }
  std::string qt(const Operation &op) const {
    return op.schema.empty() ? q(op.table) : q(op.schema) + "." + q(op.table);
  }
  std::string statementText() const {
    return trim(sql_.substr(current_->begin, current_->end - current_->begin));
  }
  bool existing(const Operation &op) const { return !created_.count(key(op.schema, op.table)); }

  void findRebuilds() {
    for (size_t i = 0; i < stmts_.size(); ++i)
      for (const auto &drop : stmts_[i].ops) {
        if (drop.kind != OpKind::DropTable) continue;
        for (size_t k = i + 1; k < stmts_.size(); ++k)
          for (const auto &ren : stmts_[k].ops)
            if (ren.kind == OpKind::RenameTable && iequals(ren.newName, drop.table) &&
                !rebuildDropToRename_.count(i)) {
              rebuildDropToRename_[i] = k;
              rebuildRenames_.insert(k);
            }
      }
  }

  void emit(const char *rule, const Operation &op, size_t offset, std::string message, std::string fix) {
    const RuleInfo *info = findRule(rule);
    Candidate c;
    c.rule = info;
    c.op = op;
    c.offset = offset;
    c.statement = current_;
    c.finding.check = rule;
    c.finding.severity = info->severity;
    c.finding.table = op.schema.empty() ? op.table : op.schema + "." + op.table;
    if (!op.column.empty())
      c.finding.columns = {op.column};
    else if (!op.columns.empty())
      c.finding.columns = op.columns;
    c.finding.message = std::move(message);
    c.finding.fix = fix.empty() ? info->safeRewrite : std::move(fix);
    out_.push_back(std::move(c));
  }

  void checkNolintNames() {
    std::vector<std::string> names;
    for (const auto &r : lintRules())
      names.push_back(r.name);
    for (const auto &name : current_->nolint) {
      if (name == "all" || findRule(name)) continue;
      std::string guess = closestMatch(name, names);
      emit("unknown-nolint-rule", Operation{}, current_->begin,
           "tether:nolint names no rule '" + name + "'" +
               (guess.empty() ? "" : " (did you mean " + guess + "?)"),
           guess.empty() ? "" : "-- tether:nolint " + guess + " <reason>");
    }
    if (current_->nolintWithoutReason && !current_->nolint.empty())
      emit("nolint-without-reason", Operation{}, current_->begin,
           "tether:nolint " + join(current_->nolint, ",") + " gives no reason",
           "-- tether:nolint " + join(current_->nolint, ",") + " <why this is safe>");
  }

  // The lock table decides: anything that blocks writes on an existing table waits in the lock
  // queue, and every query queued behind it waits too.
  static bool takesLock(const Operation &op) {
    if (!op.lock || !blocksWrites(op.lock->lock)) return false;
    return true;
  }

  // How long the lock is held, given what this file and earlier ones established.
  LockDuration duration(const Operation &op) const {
    if (!op.lock) return LockDuration::Instant;
    if (op.kind == OpKind::AddColumn)
      return op.volatileDefault ? LockDuration::Rewrite : LockDuration::Instant;
    if (op.kind == OpKind::SetNotNull &&
        state_.validatedNotNull.count(key(op.schema, op.table) + "." + op.column))
      return LockDuration::Instant;
    if (op.kind == OpKind::AlterColumnType &&
        typeChange(op.oldTypeName, op.typeName) == TypeChange::NoRewrite)
      return LockDuration::Instant;
    return op.lock->duration;
  }

  // The companion of the lock rules: once the author accepts a long lock (its rule silenced by
  // nolint, or none applies), a statement_timeout bounds it. While a lock error stands, its fix is
  // the answer, so this stays quiet.
  void checkStatementTimeout(const Operation &op, size_t firstNew) {
    if (!pg_ || statementTimeout_ || statementTimeoutReported_ || !takesLock(op) || !existing(op) ||
        duration(op) == LockDuration::Instant)
      return;
    for (size_t i = firstNew; i < out_.size(); ++i) {
      const Candidate &c = out_[i];
      bool silenced = std::find(current_->nolint.begin(), current_->nolint.end(), c.finding.check) !=
                      current_->nolint.end();
      if (c.rule->category == RuleCategory::LockUnsafe && c.rule->severity == Severity::Error && !silenced)
        return;
    }
    statementTimeoutReported_ = true;
    emit("missing-statement-timeout", op, current_->begin,
         std::string(op.lock->statement) + " holds " + lockLevelName(op.lock->lock) + " on " + op.table +
             " for a " + lockDurationName(duration(op)) + " with no SET statement_timeout before it",
         "SET statement_timeout = '5min';  -- before this statement");
  }

  void checkLockTimeout(const Operation &op) {
    if (!pg_ || lockTimeout_ || lockTimeoutReported_ || !takesLock(op) || !existing(op)) return;
    lockTimeoutReported_ = true;
    emit("missing-lock-timeout", op, current_->begin,
         std::string(op.lock->statement) + " takes " + lockLevelName(op.lock->lock) + " on existing table " +
             op.table + " (blocks " + lockEffect(op.lock->lock) +
             ") with no SET lock_timeout before it: waiting for the lock blocks every query behind it",
         "SET lock_timeout = '5s';  -- first statement of the migration");
  }

  // A default that is a function call we can move to SET DEFAULT (not a serial, identity or generated
  // column).
  static bool plainFunctionDefault(const Operation &op) {
    return op.defaultFunction != "identity" && op.defaultFunction != "generated" &&
           op.defaultFunction != "nextval";
  }

  static bool narrowing(const Operation &op) {
    static const std::set<std::string> kBounded = {"varchar", "bpchar",  "char", "character",
                                                   "numeric", "decimal", "bit",  "varbit"};
    return (kBounded.count(op.baseType) && op.typeLength >= 0) || op.baseType == "int2" ||
           op.baseType == "float4";
  }

  // A fix that needs two (or more) migrations, printed as such: "-- migration k of n" starts each,
  // and `noTransaction` ones carry the marker that makes tether migrate apply run them statement by
  // statement outside a transaction.
  static std::string migrations(const std::vector<std::pair<bool, std::string>> &parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      out += "-- migration " + std::to_string(i + 1) + " of " + std::to_string(parts.size()) + "\n";
      if (parts[i].first) out += "-- tether:no-transaction\n";
      out += parts[i].second;
      if (i + 1 < parts.size()) out += "\n";
    }
    return out;
  }
  static constexpr const char *kLockTimeout = "SET lock_timeout = '5s';\n";

  void styleColumn(const Operation &op, const std::string &column, const std::string &type) {
    if (!pg_) return;
    std::string base = toLower(type.substr(0, type.find('(')));
    std::string where = op.table + "." + column;
    if (base == "int4" || base == "int2" || base == "int" || base == "integer" || base == "smallint")
      emit("prefer-bigint", op, current_->begin, where + " is " + type + ": prefer bigint", "");
    if (base == "serial" || base == "serial4" || base == "smallserial" || base == "serial2" ||
        base == "bigserial" || base == "serial8")
      emit("prefer-identity", op, current_->begin, where + " is " + type + ": prefer an identity column",
           "bigint GENERATED BY DEFAULT AS IDENTITY");
    if (base == "varchar" && type.find('(') != std::string::npos)
      emit("prefer-text", op, current_->begin, where + " is " + type + ": prefer text", "");
    if (base == "timestamp")
      emit("prefer-timestamptz", op, current_->begin, where + " is timestamp without time zone", "");
    if (base == "bpchar" || base == "char" || base == "character")
      emit("ban-char-type", op, current_->begin, where + " is " + type + ": prefer text", "");
  }

  // The parser has already cut long names to 63 bytes: read them from the statement's text.
  void longIdentifiers(const Operation &op) {
    if (!pg_) return;
    std::string text = statementText(), word;
    bool quoted = false;
    for (size_t i = 0; i <= text.size(); ++i) {
      char c = i < text.size() ? text[i] : ' ';
      bool wordChar = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (quoted && c != '"');
      if (c == '"') quoted = !quoted;
      if (wordChar) {
        word += c;
        continue;
      }
      if (word.size() > 63)
        emit("identifier-too-long", op, current_->begin,
             "identifier " + word.substr(0, 63) + "… is " + std::to_string(word.size()) +
                 " bytes: PostgreSQL keeps the first 63",
             "");
      word.clear();
    }
  }

  void styleTable(const Operation &op) {
    if (!pg_) return;
    longIdentifiers(op);
    if (op.schema.empty())
      emit("require-schema", op, current_->begin, "table " + op.table + " is not schema-qualified",
           "public." + op.table);
  }

  std::string columnKey(const Operation &op, const std::string &column) const {
    return key(op.schema, op.table) + "." + toLower(column);
  }

  void visit(const Operation &in) {
    Operation op = in;
    if (op.kind == OpKind::AlterColumnType) {
      auto it = state_.columnTypes.find(columnKey(op, op.column));
      if (it != state_.columnTypes.end()) op.oldTypeName = it->second;
    }
    checkLockTimeout(op);
    size_t before = out_.size();
    visitKind(op);
    checkStatementTimeout(op, before);
  }

  void visitKind(const Operation &op) {
    std::string t = op.table;
    switch (op.kind) {
    case OpKind::CreateTable:
      created_.insert(key(op.schema, op.table));
      styleTable(op);
      for (size_t i = 0; i < op.tableColumns.size() && i < op.sourceColumns.size(); ++i) {
        state_.columnTypes[columnKey(op, op.tableColumns[i])] = canonicalType(op.sourceColumns[i]);
        styleColumn(op, op.tableColumns[i], op.sourceColumns[i]);
      }
      break;
    case OpKind::DropNotNull:
      if (existing(op))
        emit("drop-not-null", op, current_->begin,
             "DROP NOT NULL on " + t + "." + op.column + ": readers may now see NULL", "");
      break;
    case OpKind::SetStatementTimeout:
      statementTimeout_ = op.enabled;
      break;
    case OpKind::DropSchema:
      emit(op.newName == "database" ? "drop-database" : "drop-schema", op, current_->begin,
           "drops " + op.newName + " " + t + " and everything in it", "");
      break;
    case OpKind::AddEnumValue:
      if (op.enumPositioned)
        emit("enum-value-order", op, current_->begin,
             "adds '" + op.newName + "' to enum " + t + " next to '" + op.column +
                 "', not at the end: the order of existing values changes meaning",
             "ALTER TYPE " + qt(op) + " ADD VALUE IF NOT EXISTS '" + op.newName + "';");
      break;
    case OpKind::RenameEnumValue:
      emit("rename-enum-value", op, current_->begin,
           "renames value '" + op.column + "' of enum " + t + " to '" + op.newName +
               "': code still writing '" + op.column + "' fails",
           "ALTER TYPE " + qt(op) + " ADD VALUE IF NOT EXISTS '" + op.newName +
               "';  -- then move writers and rows over, and stop using '" + op.column + "'");
      break;
    case OpKind::CreateView:
      viewsCreated_.insert(key(op.schema, op.table));
      break;
    case OpKind::DoBlock:
      if (!op.enabled)
        emit("do-block-not-checked", op, current_->begin,
             "DO block runs dynamic SQL (EXECUTE) or a language tether cannot read: its DDL is not checked",
             "");
      break;
    case OpKind::PsqlMeta:
      emit("psql-meta-command", op, op.offset, op.expression + ": skipped (psql input, not SQL)", "");
      break;
    case OpKind::Other:
      visitOther(op);
      break;
    case OpKind::DropTable:
      visitDrop(op);
      break;
    case OpKind::Truncate:
      if (existing(op)) emit("truncate", op, current_->begin, "removes every row of " + t, "");
      break;
    case OpKind::AddColumn:
      state_.columnTypes[columnKey(op, op.column)] = canonicalType(op.typeName);
      styleColumn(op, op.column, op.typeName);
      longIdentifiers(op);
      if (!existing(op)) break;
      if (op.hasDefault) backfilled_.insert(key(op.schema, op.table) + "." + toLower(op.column));
      if (op.notNull && !op.hasDefault)
        emit("add-not-null-column-without-default", op, op.offset,
             "adding NOT NULL column " + t + "." + op.column + " without a default fails when " + t +
                 " has rows",
             "ALTER TABLE " + qt(op) + " ADD COLUMN " + q(op.column) + " " + op.typeName +
                 " NOT NULL DEFAULT <value>;");
      if (pg_ && op.volatileDefault)
        emit("volatile-default", op, op.offset,
             "adding " + t + "." + op.column + " with " +
                 (op.defaultFunction == "identity"    ? std::string("an identity")
                  : op.defaultFunction == "generated" ? std::string("a stored generated value")
                                                      : "the volatile default " + op.defaultFunction + "()") +
                 " rewrites every row of " + t + " under an ACCESS EXCLUSIVE lock",
             plainFunctionDefault(op)
                 ? "ALTER TABLE " + qt(op) + " ADD COLUMN " + q(op.column) + " " + op.typeName +
                       ";\nALTER TABLE " + qt(op) + " ALTER COLUMN " + q(op.column) + " SET DEFAULT " +
                       op.defaultFunction + "();\n-- then backfill existing rows in batches"
                 : "");
      break;
    case OpKind::DropColumn:
      if (existing(op))
        emit("drop-column", op, current_->begin, "drops column " + t + "." + op.column + " and its data", "");
      break;
    case OpKind::RenameTable:
      if (existing(op) && !rebuildRenames_.count(index_) && !viewUnderOldName(op))
        emit("rename-table", op, current_->begin,
             "renames table " + t + " to " + op.newName + ": code still using " + t + " breaks", "");
      break;
    case OpKind::RenameColumn:
      if (existing(op))
        emit("rename-column", op, current_->begin,
             "renames column " + t + "." + op.column + " to " + op.newName + ": code still using " +
                 op.column + " breaks",
             "");
      break;
    case OpKind::AlterColumnType:
      visitAlterType(op);
      state_.columnTypes[columnKey(op, op.column)] = canonicalType(op.typeName);
      break;
    case OpKind::SetNotNull:
      visitSetNotNull(op);
      break;
    case OpKind::AddConstraint:
      visitAddConstraint(op);
      break;
    case OpKind::DropConstraint:
      if (existing(op) && !createdConstraints_.count(op.constraintName))
        emit("drop-constraint", op, current_->begin, "drops constraint " + op.constraintName + " of " + t,
             "");
      break;
    case OpKind::ValidateConstraint: {
      if (pg_ && notValidInTransaction_.count(op.constraintName) && inTransaction())
        emit("not-valid-validate-same-transaction", op, current_->begin,
             "VALIDATE CONSTRAINT " + op.constraintName +
                 " runs in the transaction that added it NOT VALID: " + t + " stays locked (" +
                 notValidLock_[op.constraintName] + ", the ADD's lock) for the whole validation scan",
             migrations(
                 {{false, kLockTimeout + notValidInTransaction_[op.constraintName] + ";"},
                  {false, "ALTER TABLE " + qt(op) + " VALIDATE CONSTRAINT " + q(op.constraintName) + ";"}}));
      auto it = state_.pendingNotNullChecks.find(op.constraintName);
      if (it != state_.pendingNotNullChecks.end()) state_.validatedNotNull.insert(it->second);
      break;
    }
    case OpKind::CreateIndex:
      visitCreateIndex(op);
      break;
    case OpKind::DropIndex:
      if (pg_ && op.concurrently && inTransaction())
        emit("concurrently-in-transaction", op, current_->begin,
             "DROP INDEX CONCURRENTLY cannot run inside a transaction", "");
      if (pg_ && op.concurrently && !inTransaction() && !op.ifExists)
        emit("prefer-if-exists", op, current_->begin,
             "DROP INDEX CONCURRENTLY without IF EXISTS: a rerun after a failure fails", "");
      if (pg_ && !op.concurrently && existing(op))
        emit("drop-index-without-concurrently", op, current_->begin,
             "DROP INDEX " + t + " takes ACCESS EXCLUSIVE on its table (blocks reads and writes)",
             migrations({{true, "DROP INDEX CONCURRENTLY IF EXISTS " + qt(op) + ";"}}));
      break;
    case OpKind::SetLockTimeout:
      lockTimeout_ = op.enabled;
      break;
    case OpKind::Begin:
      if (inTransaction())
        emit("transaction-nesting", op, current_->begin,
             explicitTransaction_ > 0 ? std::string("BEGIN inside the transaction an earlier BEGIN opened")
                                      : std::string("BEGIN inside the transaction tether migrate apply wraps "
                                                    "this file in: its COMMIT ends the runner's transaction"),
             "");
      if (explicitTransaction_ == 0) beginAt_ = index_;
      ++explicitTransaction_;
      break;
    case OpKind::Commit:
      explicitTransaction_ = explicitTransaction_ > 0 ? explicitTransaction_ - 1 : 0;
      if (explicitTransaction_ == 0 && !fileTransaction_) notValidInTransaction_.clear();
      break;
    case OpKind::ForeignKeysPragma:
      // SQLite ignores PRAGMA foreign_keys inside a transaction.
      if (!inTransaction())
        foreignKeysOff_ = !op.enabled;
      else if (!op.enabled)
        sawForeignKeysOffInTransaction_ = true;
      break;
    case OpKind::ForeignKeyCheck:
    case OpKind::CopyRows:
      break;
    case OpKind::Update:
      for (const auto &col : op.columns)
        backfilled_.insert(key(op.schema, op.table) + "." + toLower(col));
      break;
    }
  }

  // Atlas's exemption: a RENAME followed (in this file) by a view under the old name keeps old code
  // reading through the view.
  bool viewUnderOldName(const Operation &op) const {
    for (size_t i = index_ + 1; i < stmts_.size(); ++i)
      for (const auto &o : stmts_[i].ops)
        if (o.kind == OpKind::CreateView && iequals(o.table, op.table)) return true;
    return false;
  }

  void visitOther(const Operation &op) {
    if (!pg_ || !op.lock || !existing(op) || !blocksWrites(op.lock->lock) ||
        duration(op) == LockDuration::Instant)
      return;
    std::string statement = op.lock->statement, fix;
    if (statement == "REINDEX")
      fix = migrations({{true, "REINDEX " + op.newName + " CONCURRENTLY " + qt(op) + ";"}});
    else if (statement == "ALTER DOMAIN … ADD CONSTRAINT") {
      emit("lock-hazard", op, current_->begin,
           "ALTER DOMAIN " + op.table +
               " ADD CONSTRAINT checks every column of the domain under a SHARE lock on "
               "each table using it (blocks writes for the scan)",
           "ALTER DOMAIN " + qt(op) +
               " ADD CONSTRAINT … NOT VALID;\n-- then, in a later migration:\nALTER DOMAIN " + qt(op) +
               " VALIDATE CONSTRAINT …;");
      return;
    } else if (statement == "REFRESH MATERIALIZED VIEW")
      fix = migrations({{false, "REFRESH MATERIALIZED VIEW CONCURRENTLY " + qt(op) +
                                    ";  -- needs a unique index on the view"}});
    emit("lock-hazard", op, current_->begin,
         statement + " holds " + lockLevelName(op.lock->lock) + " on " + op.table + " for the whole " +
             lockDurationName(duration(op)) + ": blocks " + lockEffect(op.lock->lock),
         fix);
  }

  void visitAlterType(const Operation &op) {
    if (!pg_ || !existing(op)) return;
    std::string t = op.table;
    TypeChange change = typeChange(op.oldTypeName, op.typeName);
    std::string from = op.oldTypeName.empty() ? "" : " from " + op.oldTypeName;
    if (change == TypeChange::NoRewrite) return; // binary-coercible: no rewrite, every value fits
    bool narrows = op.oldTypeName.empty() ? narrowing(op) : typeNarrows(op.oldTypeName, op.typeName);
    if (narrows)
      emit("narrowing-type-change", op, current_->begin,
           "changing " + t + "." + op.column + from + " to " + op.typeName +
               " fails if existing values do not fit",
           "");
    // Targets some old type reaches without a rewrite (a wider varchar, more precision, text, inet):
    // with the old type unknown, only a warning.
    static const std::set<std::string> kWidenable = {"text",    "citext",    "varchar",     "numeric",
                                                     "decimal", "timestamp", "timestamptz", "time",
                                                     "timetz",  "interval",  "inet",        "varbit"};
    bool maybeCoercible = kWidenable.count(op.baseType) > 0;
    std::string message = "changing the type of " + t + "." + op.column + from + " to " + op.typeName +
                          " rewrites " + t + " under an ACCESS EXCLUSIVE lock";
    if (change == TypeChange::Unknown && maybeCoercible)
      message += " unless the current type is binary-coercible to it (e.g. varchar to text)";
    emit("column-type-rewrite", op, current_->begin, message,
         migrations({{false, kLockTimeout + std::string("ALTER TABLE ") + qt(op) + " ADD COLUMN " +
                                 q(op.column + "_new") + " " + op.typeName + ";"},
                     {false, "-- backfill " + q(op.column + "_new") +
                                 " in batches (UPDATE … WHERE id BETWEEN …), switch the code over, then "
                                 "drop the old column"}}));
    if (change == TypeChange::Unknown && maybeCoercible) out_.back().finding.severity = Severity::Warning;
  }

  void visitDrop(const Operation &op) {
    auto rebuild = rebuildDropToRename_.find(index_);
    bool isRebuild = rebuild != rebuildDropToRename_.end();
    if (isRebuild && !pg_ && !foreignKeysOff_)
      emit("rebuild-with-foreign-keys-on", op, current_->begin,
           "rebuild of " + op.table + " (DROP TABLE, then RENAME) runs with foreign keys on" +
               (sawForeignKeysOffInTransaction_
                    ? std::string(
                          " (PRAGMA foreign_keys = OFF is a no-op inside the transaction this file runs in)")
                    : ""),
           "-- tether:no-transaction\nPRAGMA foreign_keys = OFF;\nBEGIN;\n-- … the rebuild …\nPRAGMA "
           "foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;");
    if (!isRebuild && existing(op))
      emit("drop-table", op, current_->begin, "drops table " + op.table + " and all its rows", "");
    created_.erase(key(op.schema, op.table));
  }

  void visitSetNotNull(const Operation &op) {
    if (!existing(op)) return;
    std::string t = op.table;
    if (!backfilled_.count(key(op.schema, op.table) + "." + toLower(op.column)))
      emit("set-not-null", op, current_->begin,
           "SET NOT NULL on " + t + "." + op.column + " fails if any row is NULL",
           "UPDATE " + qt(op) + " SET " + q(op.column) + " = <value> WHERE " + q(op.column) +
               " IS NULL;  -- in batches, before this migration");
    if (pg_ && !state_.validatedNotNull.count(key(op.schema, op.table) + "." + op.column)) {
      std::string c = q(t + "_" + op.column + "_not_null");
      std::string alter = "ALTER TABLE " + qt(op);
      emit("set-not-null-without-check", op, current_->begin,
           "SET NOT NULL on " + t + "." + op.column + " scans the table under an ACCESS EXCLUSIVE lock",
           migrations({{false, kLockTimeout + alter + " ADD CONSTRAINT " + c + " CHECK (" + q(op.column) +
                                   " IS NOT NULL) NOT VALID;"},
                       {false, kLockTimeout + alter + " VALIDATE CONSTRAINT " + c + ";\n" + alter +
                                   " ALTER COLUMN " + q(op.column) + " SET NOT NULL;\n" + alter +
                                   " DROP CONSTRAINT " + c + ";"}}));
    }
  }

  // ADD … NOT VALID and VALIDATE as two migrations: in one, the ADD's lock lasts through the scan.
  std::string withNotValid(const Operation &op) const {
    std::string text = statementText();
    if (current_->ops.size() != 1 || op.constraintName.empty()) return "";
    return migrations(
        {{false, kLockTimeout + text + " NOT VALID;"},
         {false, "ALTER TABLE " + qt(op) + " VALIDATE CONSTRAINT " + q(op.constraintName) + ";"}});
  }

  void visitAddConstraint(const Operation &op) {
    std::string t = op.table;
    if (!op.constraintName.empty()) createdConstraints_.insert(op.constraintName);
    if (op.constraint == ConstraintKind::Check && !op.checkNotNullOf.empty()) {
      std::string k = key(op.schema, op.table) + "." + op.checkNotNullOf;
      if (op.notValid)
        state_.pendingNotNullChecks[op.constraintName] = k;
      else
        state_.validatedNotNull.insert(k);
    }
    if (op.notValid && inTransaction() && !op.constraintName.empty()) {
      notValidInTransaction_[op.constraintName] = statementText();
      notValidLock_[op.constraintName] = op.lock ? lockLevelName(op.lock->lock) : "ACCESS EXCLUSIVE";
    }
    if (!existing(op)) return;
    // NOT VALID skips the existing rows: only the later VALIDATE meets the orphans.
    if (pg_ && op.constraint == ConstraintKind::ForeignKey && !op.notValid) {
      emit("foreign-key-orphans", op, current_->begin,
           "adding FOREIGN KEY (" + join(op.columns, ", ") + ") to " + t + " references " + op.newName, "");
      out_.back().dataOnly = true;
    }
    if (pg_ && op.constraint == ConstraintKind::Exclude)
      emit("add-exclude-constraint", op, current_->begin,
           "adding EXCLUDE constraint " + op.constraintName + " to " + t +
               " builds its index under an ACCESS EXCLUSIVE lock (blocks reads and writes)",
           "");
    if ((op.constraint == ConstraintKind::Unique || op.constraint == ConstraintKind::PrimaryKey) &&
        !op.usingIndex) {
      std::string what = op.constraint == ConstraintKind::Unique ? "UNIQUE" : "PRIMARY KEY";
      std::vector<std::string> cols;
      for (const auto &c : op.columns)
        cols.push_back(q(c));
      std::string fix;
      if (pg_) {
        std::string idx = q(op.constraintName.empty()
                                ? t + "_" + join(op.columns, "_") + (what == "UNIQUE" ? "_key" : "_pkey")
                                : op.constraintName);
        std::vector<std::pair<bool, std::string>> parts;
        // ADD COLUMN … UNIQUE: add the column plain first, in a migration of its own.
        for (const auto &o : current_->ops)
          if (o.kind == OpKind::AddColumn && op.columns.size() == 1 && iequals(o.column, op.columns[0]))
            parts.push_back({false, kLockTimeout + std::string("ALTER TABLE ") + qt(op) + " ADD COLUMN " +
                                        q(o.column) + " " + o.typeName + ";"});
        parts.push_back({true, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + idx + " ON " + qt(op) +
                                   " (" + join(cols, ", ") + ");"});
        parts.push_back({false, kLockTimeout + std::string("ALTER TABLE ") + qt(op) + " ADD CONSTRAINT " +
                                    idx + " " + what + " USING INDEX " + idx + ";"});
        fix = migrations(parts);
        emit("unique-constraint-builds-index", op, current_->begin,
             "adding " + what + " (" + join(op.columns, ", ") + ") to existing table " + t +
                 " builds a unique index under an ACCESS EXCLUSIVE lock (blocks reads and writes)",
             fix);
      }
      emit("add-unique-constraint", op, current_->begin,
           "adding " + what + " (" + join(op.columns, ", ") + ") to " + t +
               " fails if existing rows share a value",
           fix);
    } else if (pg_ && op.constraint == ConstraintKind::ForeignKey && !op.notValid) {
      emit("add-foreign-key-without-not-valid", op, current_->begin,
           "adding FOREIGN KEY (" + join(op.columns, ", ") + ") to " + t +
               " without NOT VALID takes SHARE ROW EXCLUSIVE on both tables (blocks writes) while it checks "
               "every row",
           withNotValid(op));
    } else if (pg_ && op.constraint == ConstraintKind::Check && !op.notValid) {
      emit("add-check-without-not-valid", op, current_->begin,
           "adding CHECK " + op.constraintName + " to " + t +
               " without NOT VALID scans the table under an ACCESS EXCLUSIVE lock",
           withNotValid(op));
    }
  }

  void visitCreateIndex(const Operation &op) {
    if (!op.constraintName.empty()) {
      createdConstraints_.insert(op.constraintName);
      if (!existing(op)) created_.insert(key(op.schema, op.constraintName)); // a new table's index
    }
    if (pg_ && op.concurrently && !inTransaction() && !op.ifExists)
      emit("prefer-if-exists", op, current_->begin,
           "CREATE INDEX CONCURRENTLY without IF NOT EXISTS: a failed build leaves an invalid index, and the "
           "rerun fails on its name",
           "");
    if (pg_ && op.concurrently && inTransaction())
      emit("concurrently-in-transaction", op, current_->begin,
           "CREATE INDEX CONCURRENTLY cannot run inside a transaction" +
               std::string(explicitTransaction_ > 0 ? " (BEGIN earlier in the file)"
                                                    : " (mark the file -- tether:no-transaction)"),
           "-- tether:no-transaction\n" + statementText() + ";");
    if (!existing(op)) return;
    if (pg_ && !op.concurrently) {
      std::string text = statementText();
      std::string upper = toUpper(text);
      size_t at = upper.find("INDEX");
      std::string rest = text.substr(at == std::string::npos ? 0 : at + 5);
      if (!op.ifExists && !op.constraintName.empty()) rest = " IF NOT EXISTS" + rest;
      std::string fix = at == std::string::npos
                            ? ""
                            : migrations({{true, text.substr(0, at + 5) + " CONCURRENTLY" + rest + ";"}});
      emit("create-index-without-concurrently", op, current_->begin,
           "CREATE INDEX on existing table " + op.table +
               " without CONCURRENTLY takes a SHARE lock: blocks writes for the whole build",
           fix);
    }
    if (op.unique)
      emit("add-unique-constraint", op, current_->begin,
           "unique index on " + op.table + " " +
               (op.expression.empty() ? "(" + join(op.columns, ", ") + ")" : op.expression) +
               " fails if existing rows share a value",
           "");
  }

  const Operation *findOp(size_t before, OpKind kind, const std::string &table, size_t *at = nullptr) const {
    for (size_t i = 0; i < before && i < stmts_.size(); ++i)
      for (const auto &op : stmts_[i].ops)
        if (op.kind == kind && iequals(op.table, table)) {
          if (at) *at = i;
          return &op;
        }
    return nullptr;
  }

  // A rebuild copies the old rows into a table that may be stricter (NOT NULL, UNIQUE) than the
  // old one: the same data-dependent failure as SET NOT NULL or ADD UNIQUE, only the data can tell.
  void checkRebuildCopies() {
    for (const auto &[drop, rename] : rebuildDropToRename_) {
      const Operation *renameOp = nullptr;
      for (const auto &o : stmts_[rename].ops)
        if (o.kind == OpKind::RenameTable) renameOp = &o;
      if (!renameOp) continue;
      size_t copyAt = 0;
      const Operation *create = findOp(rename, OpKind::CreateTable, renameOp->table);
      const Operation *copy = findOp(rename, OpKind::CopyRows, renameOp->table, &copyAt);
      if (!create || !copy || !iequals(copy->newName, renameOp->newName)) continue;
      const std::vector<std::string> &targets = copy->columns.empty() ? create->tableColumns : copy->columns;
      if (targets.size() != copy->sourceColumns.size()) continue;
      auto sourceOf = [&](const std::string &col) -> std::string {
        for (size_t i = 0; i < targets.size(); ++i)
          if (iequals(targets[i], col)) return copy->sourceColumns[i];
        return "";
      };
      current_ = &stmts_[copyAt];
      Operation base;
      base.table = renameOp->newName;
      for (const auto &col : create->notNullColumns) {
        Operation op = base;
        op.column = sourceOf(col);
        if (op.column.empty()) continue;
        emit("set-not-null", op, stmts_[copyAt].begin,
             "rebuild of " + op.table + " makes " + col + " NOT NULL", "");
        out_.back().dataOnly = true;
      }
      for (const auto &key : create->uniqueKeys) {
        Operation op = base;
        op.constraint = ConstraintKind::Unique;
        for (const auto &col : key)
          op.columns.push_back(sourceOf(col));
        if (op.columns.empty() || std::find(op.columns.begin(), op.columns.end(), "") != op.columns.end())
          continue;
        emit("add-unique-constraint", op, stmts_[copyAt].begin,
             "rebuild of " + op.table + " makes (" + join(key, ", ") + ") unique", "");
        out_.back().dataOnly = true;
      }
    }
  }

  void checkRebuildsVerified() {
    for (const auto &[drop, rename] : rebuildDropToRename_) {
      bool checked = false;
      for (size_t k = rename + 1; k < stmts_.size() && !checked; ++k)
        for (const auto &op : stmts_[k].ops)
          if (op.kind == OpKind::ForeignKeyCheck) checked = true;
      if (checked) continue;
      current_ = &stmts_[rename];
      Operation op;
      for (const auto &o : stmts_[rename].ops)
        if (o.kind == OpKind::RenameTable) op = o;
      op.table = op.newName;
      emit("rebuild-without-foreign-key-check", op, stmts_[rename].begin,
           "rebuild of " + op.table +
               " ends without PRAGMA foreign_key_check: broken references go unnoticed",
           "PRAGMA foreign_key_check;  -- after the RENAME, before COMMIT");
    }
  }
};

} // namespace

std::vector<Candidate> analyzeFile(const std::string &sql, const std::vector<Statement> &statements,
                                   const AnalyzerOptions &opts, AnalyzerState &state) {
  return FileAnalyzer(sql, statements, opts, state).run();
}

} // namespace tether::lint
