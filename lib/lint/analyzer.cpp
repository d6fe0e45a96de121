#include "lint/analyzer.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "lint/source_text.h"
#include <algorithm>
#include <map>

namespace tether::lint {

namespace {

std::string key(const std::string &schema, const std::string &table) {
  return toLower(schema.empty() ? table : schema + "." + table);
}

class FileAnalyzer {
public:
  FileAnalyzer(const std::string &sql, const std::vector<Statement> &stmts, const AnalyzerOptions &opts,
               AnalyzerState &state)
      : sql_(sql), stmts_(stmts), pg_(opts.dialect == "postgresql"), dialect_(dialectByName(opts.dialect)),
        state_(state) {
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
  }

  bool takesLock(const Operation &op) const {
    switch (op.kind) {
    case OpKind::CreateIndex:
      return !op.concurrently;
    case OpKind::AddColumn:
    case OpKind::DropColumn:
    case OpKind::AlterColumnType:
    case OpKind::SetNotNull:
    case OpKind::AddConstraint:
    case OpKind::DropConstraint:
    case OpKind::DropTable:
    case OpKind::Truncate:
    case OpKind::RenameTable:
    case OpKind::RenameColumn:
      return true;
    default:
      return false;
    }
  }

  void checkLockTimeout(const Operation &op) {
    if (!pg_ || lockTimeout_ || lockTimeoutReported_ || !takesLock(op) || !existing(op)) return;
    lockTimeoutReported_ = true;
    emit("missing-lock-timeout", op, current_->begin,
         "DDL on existing table " + op.table +
             " with no SET lock_timeout before it: waiting for the lock blocks every query behind it",
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

  void visit(const Operation &op) {
    checkLockTimeout(op);
    std::string t = op.table;
    switch (op.kind) {
    case OpKind::CreateTable:
      created_.insert(key(op.schema, op.table));
      break;
    case OpKind::DropTable:
      visitDrop(op);
      break;
    case OpKind::Truncate:
      if (existing(op)) emit("truncate", op, current_->begin, "removes every row of " + t, "");
      break;
    case OpKind::AddColumn:
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
      if (existing(op) && !rebuildRenames_.count(index_))
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
      if (!pg_ || !existing(op)) break;
      if (narrowing(op))
        emit("narrowing-type-change", op, current_->begin,
             "changing " + t + "." + op.column + " to " + op.typeName +
                 " fails if existing values do not fit",
             "");
      if (op.baseType != "text" && !(op.baseType == "varchar" && op.typeLength < 0))
        emit("column-type-rewrite", op, current_->begin,
             "changing the type of " + t + "." + op.column + " to " + op.typeName + " rewrites " + t +
                 " under an ACCESS EXCLUSIVE lock",
             "");
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
      break;
    case OpKind::SetLockTimeout:
      lockTimeout_ = op.enabled;
      break;
    case OpKind::Begin:
      ++explicitTransaction_;
      break;
    case OpKind::Commit:
      explicitTransaction_ = explicitTransaction_ > 0 ? explicitTransaction_ - 1 : 0;
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
           alter + " ADD CONSTRAINT " + c + " CHECK (" + q(op.column) + " IS NOT NULL) NOT VALID;\n" + alter +
               " VALIDATE CONSTRAINT " + c + ";\n" + alter + " ALTER COLUMN " + q(op.column) +
               " SET NOT NULL;\n" + alter + " DROP CONSTRAINT " + c + ";");
    }
  }

  std::string withNotValid(const Operation &op) const {
    std::string text = statementText();
    if (current_->ops.size() != 1 || op.constraintName.empty()) return "";
    return text + " NOT VALID;\nALTER TABLE " + qt(op) + " VALIDATE CONSTRAINT " + q(op.constraintName) + ";";
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
    if (!existing(op)) return;
    if ((op.constraint == ConstraintKind::Unique || op.constraint == ConstraintKind::PrimaryKey) &&
        !op.usingIndex) {
      std::string what = op.constraint == ConstraintKind::Unique ? "UNIQUE" : "PRIMARY KEY";
      std::vector<std::string> cols;
      for (const auto &c : op.columns)
        cols.push_back(q(c));
      std::string fix;
      if (pg_) {
        std::string idx =
            q(op.constraintName.empty() ? t + "_" + join(op.columns, "_") + "_key" : op.constraintName);
        fix = "CREATE UNIQUE INDEX CONCURRENTLY " + idx + " ON " + qt(op) + " (" + join(cols, ", ") +
              ");  -- in a -- tether:no-transaction migration\nALTER TABLE " + qt(op) + " ADD CONSTRAINT " +
              idx + " " + what + " USING INDEX " + idx + ";";
      }
      emit("add-unique-constraint", op, current_->begin,
           "adding " + what + " (" + join(op.columns, ", ") + ") to " + t +
               " fails if existing rows share a value",
           fix);
    } else if (pg_ && op.constraint == ConstraintKind::ForeignKey && !op.notValid) {
      emit("add-foreign-key-without-not-valid", op, current_->begin,
           "adding FOREIGN KEY (" + join(op.columns, ", ") + ") to " + t +
               " without NOT VALID locks both tables while it checks every row",
           withNotValid(op));
    } else if (pg_ && op.constraint == ConstraintKind::Check && !op.notValid) {
      emit("add-check-without-not-valid", op, current_->begin,
           "adding CHECK " + op.constraintName + " to " + t +
               " without NOT VALID scans the table under an ACCESS EXCLUSIVE lock",
           withNotValid(op));
    }
  }

  void visitCreateIndex(const Operation &op) {
    if (!op.constraintName.empty()) createdConstraints_.insert(op.constraintName);
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
      std::string fix = at == std::string::npos ? ""
                                                : "-- tether:no-transaction\n" + text.substr(0, at + 5) +
                                                      " CONCURRENTLY" + text.substr(at + 5) + ";";
      emit("create-index-without-concurrently", op, current_->begin,
           "CREATE INDEX on existing table " + op.table +
               " without CONCURRENTLY blocks writes for the whole build",
           fix);
    }
    if (op.unique)
      emit("add-unique-constraint", op, current_->begin,
           "unique index on " + op.table + " (" + join(op.columns, ", ") +
               ") fails if existing rows share a value",
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
