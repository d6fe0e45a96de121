#include "help/topics.h"
#include "core/strings.h"

namespace tether {

const std::vector<HelpTopic> &helpTopics() {
  static const std::vector<HelpTopic> topics = {
      {"models", "the YAML model format", R"TXT(MODEL FILES
  --models PATH names one YAML file or a directory (every *.yaml/*.yml below it, sorted, merged).

  version: 1
  models:                       # ORM classes, keyed by class name
    Order:
      table: orders             # required (__tablename__)
      renamed_from: purchases   # optional: rename the table in place, keeping its data
      columns:                  # ordered; a bare type is shorthand: status: String(50)
        id: {type: Integer, primary_key: true}
        user_id: {type: Integer, foreign_key: users.id, nullable: false, index: true}
        total: {type: Numeric(10, 2), server_default: 0}
        placed_at: {type: DateTime(timezone=True), server_default: {sql: "now()"}}
      relationships:            # ORM-only: they create no DDL
        user: {model: User, back_populates: orders}
        items: {model: OrderItem, back_populates: order, cascade: "all, delete-orphan"}
      indexes: [{columns: [user_id, placed_at], name: ix_orders_user_time}]
      unique: [{columns: [user_id, total]}]
      foreign_keys: [{columns: [a, b], references: {table: t, columns: [x, y]}, on_delete: CASCADE}]
      primary_key: [a, b]       # composite key instead of column flags
  tables:                       # plain tables with no class (association tables for secondary)
    post_tags:
      columns:
        post_id: {type: Integer, foreign_key: posts.id, primary_key: true}
        tag_id: {type: Integer, foreign_key: tags.id, primary_key: true}

COLUMN KEYS
  type, primary_key, nullable (default: false for keys, else true), unique, index, server_default
  (number, true/false, 'string', or {sql: expr}), default (version 2: SQLAlchemy's Python-side
  default, no DDL; version 1: the server default), onupdate (ORM-only), foreign_key
  ("table.column" or {column, on_delete, on_update, name}), autoincrement, comment, renamed_from.
  Type variants: 'BigInteger().with_variant(Integer, "sqlite")'.

TYPES
  Integer BigInteger SmallInteger String(n) Text Numeric(p,s) Float Boolean Date Time DateTime
  DateTime(timezone=True) LargeBinary JSON Uuid Enum(a, b, name=t); anything else per dialect:
  {postgresql: jsonb, sqlite: TEXT}.

RELATIONSHIP KEYS
  model, back_populates, uselist (false: one-to-one; needs a unique FK), secondary (many-to-many),
  foreign_keys (choose among two FK paths), remote_side (self-reference: marks the many-to-one
  side), cascade, lazy, passive_deletes, single_parent, primaryjoin, secondaryjoin, viewonly,
  order_by, collection_class.
  Direction is inferred as SQLAlchemy infers it: an FK on this table to the target is a
  many-to-one; an FK on the target to this table a one-to-many.
)TXT"},
      {"urls", "database URLs", R"TXT(DATABASE URLS (SQLAlchemy's spelling, so an application's own URL works)
  sqlite:///relative/path.db      a file relative to the working directory
  sqlite:////absolute/path.db     an absolute path
  sqlite://  sqlite:///:memory:   in memory
  postgresql://user:pass@host:5432/db?sslmode=require
  postgres://…, postgresql+psycopg2://…   (driver suffixes are accepted and ignored)

  libpq's PG* environment variables (PGHOST, PGUSER, PGPASSWORD, …) fill in what the URL leaves
  out. The URL comes from --db, else $DATABASE_URL, else db: in tether.yaml (with ${ENV}
  expansion). Passwords are never printed: URLs appear with the password as ***.
)TXT"},
      {"exit-codes", "what each exit code means", R"TXT(EXIT CODES
  0  success: nothing to report, or findings below --fail-on
  1  the command worked and found something: model errors (check), drift (plan --exit-code,
     migrate check), lint or audit findings at or above --fail-on
  2  it could not do its job: bad flags, unreadable or invalid input (YAML, log, migration file),
     database unreachable, a migration that failed (and was rolled back)
)TXT"},
      {"logs", "query logs for N+1 detection",
       R"TXT(QUERY LOGS (tether audit --log FILE…; .gz files are read transparently)
  postgres       stderr log with a log_line_prefix holding %p or %c (Debian's '%m [%p] %q%u@%d '
                 is detected; pass --log-prefix for others), log_statement = all or
                 log_min_duration_statement = 0; simple and extended protocol
  postgres-csv   csvlog
  postgres-json  jsonlog (PostgreSQL 15+)
  sqlalchemy     the engine log of echo=True (or the sqlalchemy.engine logger at INFO)
  sql            plain statements separated by ';', one session

  To produce one on PostgreSQL:  ALTER SYSTEM SET log_statement = 'all'; SELECT pg_reload_conf();
  Findings name the relationship that causes the N+1 (User.orders) and its fix
  (selectinload(User.orders), or lazy: selectin in the model).
)TXT"},
      {"config", "tether.yaml",
       R"TXT(TETHER.YAML (in the working directory, or --config FILE; `tether init` writes a starter)
  models: models/                    model file or directory
  migrations: migrations/            versioned migrations, one folder per dialect
  db: ${DATABASE_URL}                ${NAME} and ${NAME:-default} read the environment
  schema: public                     PostgreSQL schema
  audit:
    n_plus_one_threshold: 5
    idle_gap_seconds: 1.0
    ignore:
      - {check: unindexed_foreign_key, table: audit_log, column: user_id, reason: "never joined"}
  lint:
    ignore: [missing-lock-timeout]
)TXT"},
  };
  return topics;
}

const HelpTopic *findHelpTopic(const std::string &name) {
  for (const auto &t : helpTopics())
    if (name == t.name) return &t;
  return nullptr;
}

namespace {
std::string roff(const std::string &s) {
  std::string r;
  bool lineStart = true;
  for (char c : s) {
    if (c == '\\')
      r += "\\e";
    else if (c == '-')
      r += "\\-";
    else if (lineStart && (c == '.' || c == '\''))
      r += "\\&" + std::string(1, c);
    else
      r += c;
    lineStart = c == '\n';
  }
  return r;
}
} // namespace

std::string renderManPage(const std::string &version, const std::vector<CommandDoc> &commands) {
  std::string out = ".TH TETHER 1 \"\" \"tether " + version + "\" \"User Commands\"\n";
  out += ".SH NAME\ntether \\- keep a database honest about its relationships\n";
  out += ".SH SYNOPSIS\n.B tether\n[\\fB\\-\\-config\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n";
  out +=
      ".SH DESCRIPTION\ntether checks SQLAlchemy\\-style YAML models, draws them, diffs them against a live "
      "SQLite "
      "or PostgreSQL database, plans and applies migrations, keeps versioned migrations, and audits "
      "integrity: orphan rows, unindexed foreign keys, missing constraints and N+1 query patterns in logs.\n";
  out += ".SH COMMANDS\n";
  for (const auto &c : commands) {
    out += ".SS " + roff("tether " + c.name) + "\n" + roff(c.description) + "\n";
    for (const auto &[flags, desc] : c.options)
      out += ".TP\n.B " + roff(flags) + "\n" + roff(desc) + "\n";
    if (!c.footer.empty()) out += ".PP\n.nf\n" + roff(c.footer) + "\n.fi\n";
  }
  for (const auto &t : helpTopics()) {
    out += ".SH " + roff(toUpper(t.summary)) + "\n.nf\n" + roff(t.text) + ".fi\n";
  }
  out += ".SH SEE ALSO\n.BR sqlite3 (1),\n.BR psql (1)\n";
  return out;
}

} // namespace tether
