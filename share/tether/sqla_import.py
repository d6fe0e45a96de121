"""tether import sqlalchemy: writes a tether model file (format version 2) from an application's
own SQLAlchemy declarative metadata and mappers.

  python3 sqla_import.py MODULE:Base [-o FILE]

MODULE is a dotted module importable from the working directory, or a path to a .py file. Base
is the declarative base (SQLAlchemy 1.4 declarative_base() or 2.0 DeclarativeBase). Exit 0 with
the model written; exit 2 when the application cannot be imported or uses a construct the model
format cannot say, naming it and its Python source line.
"""
import importlib
import importlib.util
import inspect
import json
import os
import re
import sys

try:
    import sqlalchemy as sa
    from sqlalchemy import inspect as sa_inspect
    from sqlalchemy.orm import configure_mappers
    from sqlalchemy.sql import visitors
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.stderr.write("tether import: SQLAlchemy is not installed for %s (%s); on Debian: "
                     "apt-get install python3-sqlalchemy\n" % (sys.executable, e))
    sys.exit(2)


class Unsupported(Exception):
    """A construct the model format cannot say; `where` is file:line of the Python source."""

    def __init__(self, what, where):
        super().__init__(what)
        self.what = what
        self.where = where


# ---------------------------------------------------------------------------------------------
# Where things are in the application's source, for error messages.

_source_cache = {}


def shown(path):
    """A path as the user reads it: relative under the working directory, else absolute."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _lines_of(path):
    if path not in _source_cache:
        try:
            with open(path, encoding="utf-8") as f:
                _source_cache[path] = f.read().splitlines()
        except OSError:
            _source_cache[path] = []
    return _source_cache[path]


def where_in_class(cls, name):
    """file:line of `name` inside the class body (an attribute or a Column('name')), else the class."""
    try:
        path = inspect.getsourcefile(cls)
        lines, start = inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return "<unknown>"
    pat = re.compile(r"(^\s*%s\s*[:=])|(['\"]%s['\"])" % (re.escape(name), re.escape(name)))
    for i, line in enumerate(lines):
        if pat.search(line):
            return "%s:%d" % (shown(path), start + i)
    return "%s:%d" % (shown(path), start)


def where_in_module(module_file, name):
    if not module_file:
        return "<unknown>"
    pat = re.compile(r"['\"]%s['\"]" % re.escape(name))
    for i, line in enumerate(_lines_of(module_file)):
        if pat.search(line):
            return "%s:%d" % (shown(module_file), i + 1)
    return shown(module_file)


# ---------------------------------------------------------------------------------------------
# YAML spelling: flow mappings, JSON-quoted strings where plain scalars would be misread.

_plain = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_reserved = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}


def q(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    s = str(value)
    if _plain.match(s) and s.lower() not in _reserved:
        return s
    return json.dumps(s)


def flow(pairs):
    return "{" + ", ".join("%s: %s" % (k, v) for k, v in pairs) + "}"


def qlist(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


# ---------------------------------------------------------------------------------------------
# Types.

def type_spelling(t, where):
    variants = getattr(t, "_variant_mapping", None)  # 2.0
    base = t
    if variants is None and type(t).__name__ == "Variant":  # 1.4
        variants = t.mapping
        base = t.impl
    spelled = _base_type(base, where)
    for dialect, vt in sorted((variants or {}).items()):
        spelled += '.with_variant(%s, "%s")' % (_base_type(vt, where), dialect)
    return spelled


def _base_type(t, where):
    T = sa.types
    if isinstance(t, sa.Enum):
        values = list(t.enums)
        parts = ["'%s'" % v if "=" in v else v for v in values] + (["name=" + t.name] if t.name else [])
        if not t.native_enum:
            parts.append("native_enum=False")
        if t.length != max(len(v) for v in values):
            parts.append("length=%d" % t.length)
        if t.create_constraint:
            parts.append("create_constraint=True")
        return "Enum(%s)" % ", ".join(parts)
    if isinstance(t, T.Boolean) and t.create_constraint:
        return "Boolean(%s)" % ", ".join(["create_constraint=True"] + (["name=" + t.name] if t.name else []))
    checks = [
        (T.BigInteger, lambda: "BigInteger"),
        (T.SmallInteger, lambda: "SmallInteger"),
        (T.Integer, lambda: "Integer"),
        (T.Boolean, lambda: "Boolean"),
        (T.DateTime, lambda: "DateTime(timezone=True)" if t.timezone else "DateTime"),
        (T.Date, lambda: "Date"),
        (T.Time, lambda: "Time"),
        (T.Float, lambda: "Float"),
        (T.Numeric, lambda: "Numeric" if t.precision is None else
         "Numeric(%d%s)" % (t.precision, "" if t.scale is None else ", %d" % t.scale)),
        (T.Text, lambda: "Text"),
        (T.String, lambda: "String(%d)" % t.length if t.length else "String"),
        (T.LargeBinary, lambda: "LargeBinary"),
        (T.JSON, lambda: "JSON"),
    ]
    uuid = getattr(T, "Uuid", None)
    if uuid is not None and isinstance(t, uuid):
        return "Uuid"
    for cls, spell in checks:
        # Text and the dialect-specific subclasses of String (CHAR, NVARCHAR) are not String(n).
        if isinstance(t, cls):
            if cls is T.String and type(t) not in (T.String, T.VARCHAR, T.Unicode):
                break
            return spell()
    raise Unsupported("column type %s (%r)" % (type(t).__name__, t), where)


# ---------------------------------------------------------------------------------------------
# Columns, keys, indexes.

def server_default_of(col, where):
    sd = col.server_default
    if sd is None:
        return None
    if type(sd).__name__ in ("Identity", "Sequence", "Computed", "FetchedValue"):
        return None  # reported by their own keys
    arg = getattr(sd, "arg", None)
    if type(arg).__name__ == "next_value":
        # server_default=seq.next_value(): the nextval() default PostgreSQL prints back.
        return flow([("sql", q("nextval('%s'::regclass)" % arg.sequence.name))])
    if isinstance(arg, str):
        return q(arg) if not _plain.match(arg) else json.dumps(arg)
    if arg is None:
        raise Unsupported("server_default %r" % (sd,), where)
    text = str(arg.compile(compile_kwargs={"literal_binds": True})) if hasattr(arg, "compile") else str(arg)
    if hasattr(arg, "compile"):
        # func.now() is now() on PostgreSQL and CURRENT_TIMESTAMP on SQLite: the SQL-standard
        # spelling is what both accept, and tether's PostgreSQL dialect reads it as now().
        from sqlalchemy.dialects import postgresql, sqlite
        spelled = {str(arg.compile(dialect=d.dialect(), compile_kwargs={"literal_binds": True})).upper()
                   for d in (postgresql, sqlite)}
        if "CURRENT_TIMESTAMP" in spelled and spelled <= {"CURRENT_TIMESTAMP", "NOW()"}:
            text = "CURRENT_TIMESTAMP"
    if text.lower() in ("true", "false"):
        return text.lower()
    if re.match(r"^-?\d+(\.\d+)?$", text):
        return text
    return flow([("sql", q(text))])


def python_value(v):
    """A Python-side default= / onupdate=: scalars as they are, callables by name (ORM-only)."""
    if v is None:
        return None
    arg = getattr(v, "arg", v)
    if getattr(v, "is_sequence", False):
        return None
    if callable(arg):
        fn = getattr(arg, "__wrapped__", arg)
        name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)
        mod = getattr(fn, "__module__", None)
        return q("%s.%s" % (mod, name) if mod and mod != "builtins" else name)
    if getattr(v, "is_clause_element", False) or hasattr(arg, "compile"):
        return flow([("sql", q(str(arg)))])
    return q(arg)


def autoinc_by_tether_rule(table, col):
    """The model format's rule: a lone Integer/BigInteger key with no FK is autoincrement."""
    pk = list(table.primary_key.columns)
    if len(pk) != 1 or pk[0] is not col:
        return False
    base = col.type
    if type(base).__name__ == "Variant":
        base = base.impl
    if not isinstance(base, sa.Integer) or isinstance(base, sa.SmallInteger):
        return False
    return not col.foreign_keys and col.server_default is None


def column_entry(table, col, inline_fk, where):
    spelled = type_spelling(col.type, where)
    pairs = [("type", spelled if _plain.match(spelled) else json.dumps(spelled))]
    if col.primary_key:
        pairs.append(("primary_key", "true"))
    elif not col.nullable:
        pairs.append(("nullable", "false"))
    sa_autoinc = table.autoincrement_column is col if hasattr(table, "autoincrement_column") \
        else table._autoincrement_column is col
    seq = col.default if getattr(col.default, "is_sequence", False) else None
    if seq is None and (col.primary_key and isinstance(col.type, sa.Integer) or (col.primary_key and type(col.type).__name__ == "Variant")):
        # A Sequence numbers its column in the model format: no autoincrement key to state.
        if sa_autoinc != autoinc_by_tether_rule(table, col):
            pairs.append(("autoincrement", q(bool(sa_autoinc))))
    if col.unique and not col.index:
        pairs.append(("unique", "true"))
    if col.index:
        pairs.append(("index", "true"))
        if col.unique:
            pairs.append(("unique", "true"))
    sd = server_default_of(col, where)
    if sd is not None:
        pairs.append(("server_default", sd))
    d = python_value(col.default)
    if d is not None:
        pairs.append(("default", d))
    ou = python_value(col.onupdate)
    if ou is not None:
        pairs.append(("onupdate", ou))
    if seq is not None:
        pairs.append(("sequence", sequence_value(seq)))
    if isinstance(col.server_default, getattr(sa, "Identity", ())) and col.server_default is not None:
        ident = col.server_default
        pairs.append(("identity", flow([("always", q(bool(ident.always)))] +
                                       ([("start", q(ident.start))] if ident.start is not None else []) +
                                       ([("increment", q(ident.increment))] if ident.increment is not None else []))))
    computed = getattr(col, "computed", None)
    if computed is not None:
        pairs.append(("computed", flow([("sql", q(str(computed.sqltext)))] +
                                       ([("stored", q(bool(computed.persisted)))] if computed.persisted is not None else []))))
    col_checks = column_checks(col)
    if col_checks:
        pairs.append(("check", check_value(col_checks[0])))
    if inline_fk is not None:
        pairs.append(("foreign_key", inline_fk))
    collation = getattr(col.type, "collation", None)
    if collation:
        pairs.append(("collation", q(collation)))
    if col.comment:
        pairs.append(("comment", q(col.comment)))
    return pairs


def sequence_value(seq):
    """Sequence(name, start=, increment=, schema=): the name alone when nothing else is said."""
    opts = [(k, q(getattr(seq, k))) for k in ("start", "increment", "schema")
            if getattr(seq, k, None) is not None and not (k != "schema" and getattr(seq, k) == 1)]
    return flow([("name", q(seq.name))] + opts) if opts else q(seq.name)


def column_checks(col):
    """CheckConstraint(...) written on a Column: create_all() renders it in the column's DDL."""
    return [c for c in sorted(col.constraints, key=sort_name)
            if isinstance(c, sa.CheckConstraint) and not getattr(c, "_type_bound", False)]


def check_value(c):
    return flow([("sql", q(str(c.sqltext))), ("name", q(c.name))]) if c.name else q(str(c.sqltext))


def fk_actions(fk):
    pairs = []
    if fk.ondelete:
        pairs.append(("on_delete", q(fk.ondelete.upper())))
    if fk.onupdate:
        pairs.append(("on_update", q(fk.onupdate.upper())))
    if fk.name:
        pairs.append(("name", q(fk.name)))
    return pairs + deferrable_pairs(fk)


def sort_name(c):
    """A constraint's name to sort by: "" when unnamed (a type's CHECK is named by a marker object)."""
    return c.name if isinstance(c.name, str) else ""


def deferrable_pairs(c):
    """deferrable=True, initially='DEFERRED' of a ForeignKey, UniqueConstraint or PrimaryKeyConstraint."""
    pairs = []
    if c.deferrable:
        pairs.append(("deferrable", "true"))
    if c.initially:
        pairs.append(("initially", q(c.initially.upper())))
    return pairs


def table_body(table, where_col, where_table, indent, skip=frozenset()):
    """Lines of a table's columns:, primary_key:, unique:, indexes:, foreign_keys:, checks:."""
    pad = " " * indent
    inline = {}
    composite = []
    for fkc in sorted(table.foreign_key_constraints, key=lambda c: [x.name for x in c.columns]):
        if any(id(c) in skip for c in fkc.columns):
            continue
        if len(fkc.elements) > 1:
            composite.append(fkc)
            continue
        el = fkc.elements[0]
        ref = "%s.%s" % (el.column.table.name, el.column.name)
        extra = fk_actions(fkc)
        inline[el.parent.name] = flow([("column", q(ref))] + extra) if extra else q(ref)
    out = [pad + "columns:"]
    for col in table.columns:
        if id(col) in skip:
            continue
        out.append(pad + "  %s: %s" % (q(col.name), flow(column_entry(table, col, inline.get(col.name), where_col(col.name)))))
    pk = table.primary_key
    pk_names = [c.name for c in pk.columns]
    if pk.name or pk.deferrable or pk.initially:
        pairs = [("columns", qlist(pk_names))] + ([("name", q(pk.name))] if pk.name else [])
        out.append(pad + "primary_key: " + flow(pairs + deferrable_pairs(pk)))
    uniques, checks = [], []
    for c in sorted(table.constraints, key=lambda c: (type(c).__name__, sort_name(c))):
        if isinstance(c, sa.UniqueConstraint):
            cols = [x.name for x in c.columns]
            if getattr(c, "_column_flag", False):
                continue
            pairs = [("columns", qlist(cols))]
            if c.name:
                pairs.append(("name", q(c.name)))
            uniques.append(flow(pairs + deferrable_pairs(c)))
        elif isinstance(c, sa.CheckConstraint):
            if getattr(c, "_type_bound", False):
                continue  # Boolean/Enum create_constraint: the type says it
            pairs = [("sql", q(str(c.sqltext)))]
            if c.name:
                pairs.append(("name", q(c.name)))
            checks.append(flow(pairs))
    if uniques:
        out.append(pad + "unique:")
        out += [pad + "  - " + u for u in uniques]
    for col in table.columns:
        if id(col) not in skip:
            for c in column_checks(col)[1:]:  # one check: per column, the rest on the table
                checks.append(flow([("sql", q(str(c.sqltext)))] + ([("name", q(c.name))] if c.name else [])))
    if checks:
        out.append(pad + "checks:")
        out += [pad + "  - " + c for c in checks]
    idx = []
    for ix in sorted(table.indexes, key=lambda i: i.name or ""):
        if getattr(ix, "_column_flag", False):
            continue
        idx.append(index_spelling(ix, where_table(ix.name or "")))
    if idx:
        out.append(pad + "indexes:")
        out += [pad + "  - " + i for i in idx]
    if composite:
        out.append(pad + "foreign_keys:")
        for fkc in composite:
            el0 = fkc.elements[0]
            pairs = [("columns", qlist([e.parent.name for e in fkc.elements])),
                     ("references", flow([("table", q(el0.column.table.name)),
                                          ("columns", qlist([e.column.name for e in fkc.elements]))]))]
            pairs += fk_actions(fkc)
            out.append(pad + "  - " + flow(pairs))
    if table.comment:
        out.append(pad + "comment: " + q(table.comment))
    return out


def index_sql(clause, dialect):
    """An index expression or predicate as the dialect's DDL compiler writes it: no table prefix,
    literals inline."""
    ddl = dialect.ddl_compiler(dialect, None)
    return str(ddl.sql_compiler.process(clause, include_table=False, literal_binds=True))


def index_element(e, dialect, opclass, where):
    """One element of Index(...): a column or an expression, with .desc() and .nulls_first()."""
    from sqlalchemy.sql import operators
    from sqlalchemy.sql.elements import UnaryExpression
    order = nulls = None
    while isinstance(e, UnaryExpression) and e.modifier is not None:
        name = getattr(e.modifier, "__name__", "")
        if name == "desc_op":
            order = "desc"
        elif name == "asc_op":
            order = "asc"
        elif name in ("nullsfirst_op", "nulls_first_op"):
            nulls = "first"
        elif name in ("nullslast_op", "nulls_last_op"):
            nulls = "last"
        else:
            raise Unsupported("index element %s" % (e,), where)
        e = e.element
    if isinstance(e, sa.Column):
        pairs = [("column", q(e.name))]
    else:
        pairs = [("expression", json.dumps(index_sql(e, dialect)))]
    ops = opclass.get(e.name if isinstance(e, sa.Column) else None) if opclass else None
    if order == "desc":
        pairs.append(("order", "desc"))
    if nulls:
        pairs.append(("nulls", nulls))
    if ops:
        pairs.append(("opclass", q(ops)))
    if len(pairs) == 1 and isinstance(e, sa.Column):
        return q(e.name)
    return flow(pairs)


def index_spelling(ix, where):
    """An entry of indexes: with SQLAlchemy's postgresql_* / sqlite_* options as the format's keys."""
    from sqlalchemy.dialects import postgresql, sqlite
    opts = getattr(ix, "dialect_options", {})
    pg = opts["postgresql"] if "postgresql" in opts else {}
    lite = opts["sqlite"] if "sqlite" in opts else {}
    pg_dialect = postgresql.dialect()
    dialect = pg_dialect if any(pg.get(k) is not None for k in ("where", "using", "ops", "include")) else sqlite.dialect()
    elements = [index_element(e, dialect, pg.get("ops") or {}, where) for e in ix.expressions]
    pairs = [("columns", "[" + ", ".join(elements) + "]"), ("name", q(ix.name))]
    if ix.unique:
        pairs.append(("unique", "true"))
    if pg.get("using"):
        pairs.append(("using", q(str(pg.get("using")).lower())))
    if pg.get("include"):
        pairs.append(("include", qlist([c if isinstance(c, str) else c.name for c in pg.get("include")])))
    if pg.get("nulls_not_distinct"):
        pairs.append(("nulls_not_distinct", "true"))
    pw, sw = pg.get("where"), lite.get("where")
    if pw is not None and sw is not None and index_sql(pw, pg_dialect) != index_sql(sw, sqlite.dialect()):
        raise Unsupported("index %s with different postgresql_where and sqlite_where" % ix.name, where)
    if pw is not None:
        pairs.append(("where", json.dumps(index_sql(pw, pg_dialect))))
    elif sw is not None:
        pairs.append(("where", json.dumps(index_sql(sw, sqlite.dialect()))))
    return flow(pairs)


# ---------------------------------------------------------------------------------------------
# Relationships.

DEFAULT_CASCADE = {"save-update", "merge"}


def _binary_count(expr):
    return sum(1 for e in visitors.iterate(expr) if isinstance(e, sa.sql.elements.BinaryExpression))


def relationship_entry(prop, where):
    target = prop.mapper.class_.__name__
    pairs = [("model", q(target))]
    reverse = list(getattr(prop, "_reverse_property", ()))
    if prop.back_populates:
        pairs.append(("back_populates", q(prop.back_populates)))
    elif reverse:
        pairs.append(("back_populates", q(reverse[0].key)))
    direction = prop.direction.name
    if direction == "ONETOMANY" and prop.uselist is False:
        pairs.append(("uselist", "false"))
    if direction == "MANYTOONE" and prop.uselist:
        pairs.append(("uselist", "true"))
    secondary = prop.secondary
    if secondary is not None:
        if not isinstance(secondary, sa.Table):
            raise Unsupported("relationship %s with a secondary that is not a table (%s)" % (prop, secondary), where)
        pairs.append(("secondary", q(secondary.name)))
    user_fks = getattr(prop, "_user_defined_foreign_keys", None)
    if user_fks:
        pairs.append(("foreign_keys", qlist(sorted("%s.%s" % (c.table.name, c.name) for c in user_fks))))
    parent_table = prop.parent.local_table
    self_ref = secondary is None and prop.mapper.local_table is parent_table
    if self_ref and direction == "MANYTOONE":
        pairs.append(("remote_side", qlist(sorted(c.name for c in prop.remote_side))))
    # The join conditions tether needs: each side of a self-referential association, and any join
    # that filters beyond the foreign-key equality.
    pj = prop.primaryjoin
    fk_pairs = len(prop.local_remote_pairs or [])
    self_secondary = secondary is not None and prop.mapper.local_table is parent_table
    custom = pj is not None and _binary_count(pj) + (
        _binary_count(prop.secondaryjoin) if prop.secondaryjoin is not None else 0) > fk_pairs
    if self_secondary or custom or prop.viewonly:
        pairs.append(("primaryjoin", q(str(pj))))
        if prop.secondaryjoin is not None:
            pairs.append(("secondaryjoin", q(str(prop.secondaryjoin))))
    cascade = set(prop.cascade)
    if cascade != DEFAULT_CASCADE and not prop.viewonly:
        pairs.append(("cascade", q(", ".join(sorted(cascade)) if cascade else "none")))
    if prop.lazy not in ("select", True):
        pairs.append(("lazy", q(prop.lazy)))
    if prop.passive_deletes:
        pairs.append(("passive_deletes", "true"))
    if prop.single_parent:
        pairs.append(("single_parent", "true"))
    if prop.viewonly:
        pairs.append(("viewonly", "true"))
    if prop.order_by:
        pairs.append(("order_by", q(", ".join(str(c) for c in prop.order_by))))
    cc = prop.collection_class
    if cc is not None:
        pairs.append(("collection_class", q(getattr(cc, "__name__", None) or type(cc).__name__)))
    return pairs


# ---------------------------------------------------------------------------------------------

def load_base(spec):
    if ":" not in spec:
        raise SystemExit("tether import: expected MODULE:Base (e.g. myapp.models:Base), got '%s'" % spec)
    mod_name, base_name = spec.rsplit(":", 1)
    sys.path.insert(0, os.getcwd())
    if mod_name.endswith(".py") or os.sep in mod_name:
        path = os.path.abspath(mod_name)
        sys.path.insert(0, os.path.dirname(path))
        name = os.path.splitext(os.path.basename(path))[0]
        spec_ = importlib.util.spec_from_file_location(name, path)
        if spec_ is None:
            raise SystemExit("tether import: cannot load %s" % mod_name)
        module = importlib.util.module_from_spec(spec_)
        sys.modules[name] = module
        spec_.loader.exec_module(module)
    else:
        module = importlib.import_module(mod_name)
    base = getattr(module, base_name, None)
    if base is None:
        raise SystemExit("tether import: module %s has no attribute '%s'" % (mod_name, base_name))
    return module, base


def mappers_of(base):
    reg = getattr(base, "registry", None)
    if reg is not None:
        return sorted(reg.mappers, key=lambda m: m.class_.__name__)
    raise SystemExit("tether import: %r is not a declarative base (no .registry)" % (base,))


def build(module, base):
    configure_mappers()
    metadata = base.metadata
    module_file = getattr(module, "__file__", None)
    mappers = mappers_of(base)
    by_table = {}
    out = ["# Written by `tether import sqlalchemy` from %s (SQLAlchemy %s)." % (
        getattr(module, "__name__", "?"), sa.__version__),
        "version: 2", "models:"]
    # Columns a single-table subclass adds to its base's table are written under the subclass.
    owned = {}
    for m in mappers:
        if m.inherits is not None and m.single:
            inherited = {id(c) for c in m.inherits.columns.values()}
            owned[m] = [c for c in m.local_table.columns
                        if id(c) not in inherited and any(c is x for x in m.columns.values())]
    sub_owned = {id(c) for cols in owned.values() for c in cols}
    for m in mappers:
        cls = m.class_
        if not isinstance(m.local_table, sa.Table):
            raise Unsupported("class %s maps %s, not a table" % (cls.__name__, m.local_table),
                              where_in_class(cls, cls.__name__))
        out.append("  %s:" % q(cls.__name__))
        if m.inherits is not None:
            out.append("    inherits: %s" % q(m.inherits.class_.__name__))
        if m.polymorphic_on is not None and (m.inherits is None or m.polymorphic_on is not m.inherits.polymorphic_on):
            if not isinstance(m.polymorphic_on, sa.Column):
                raise Unsupported("polymorphic_on %s, not a column" % (m.polymorphic_on,),
                                  where_in_class(cls, "polymorphic_on"))
            out.append("    polymorphic_on: %s" % q(m.polymorphic_on.name))
        if m.polymorphic_identity is not None:
            out.append("    polymorphic_identity: %s" % json.dumps(str(m.polymorphic_identity)))
        if m.inherits is not None and m.single:
            if owned[m]:
                out.append("    columns:")
                table = m.local_table
                for col in owned[m]:
                    fks = [fk for fk in col.foreign_keys]
                    inline = None
                    if fks:
                        fkc = fks[0].constraint
                        ref = "%s.%s" % (fks[0].column.table.name, fks[0].column.name)
                        extra = fk_actions(fkc)
                        inline = flow([("column", q(ref))] + extra) if extra else q(ref)
                    out.append("      %s: %s" % (q(col.name), flow(column_entry(table, col, inline, where_in_class(cls, col.name)))))
        else:
            by_table[m.local_table.name] = m
            out.append("    table: %s" % q(m.local_table.name))
            out += table_body(m.local_table, lambda n, c=cls: where_in_class(c, n),
                              lambda n, c=cls: where_in_class(c, n), 4, skip=sub_owned)
        rels = [p for p in m.relationships if p.parent is m]
        if rels:
            out.append("    relationships:")
            for p in sorted(rels, key=lambda p: p.key):
                out.append("      %s: %s" % (q(p.key), flow(relationship_entry(p, where_in_class(cls, p.key)))))
    plain = [t for t in metadata.sorted_tables if t.name not in by_table]
    if plain:
        out.append("tables:")
        for t in sorted(plain, key=lambda t: t.name):
            if t.schema:
                raise Unsupported("table %s in schema %s" % (t.name, t.schema), where_in_module(module_file, t.name))
            out.append("  %s:" % q(t.name))
            out += table_body(t, lambda n: where_in_module(module_file, n), lambda n: where_in_module(module_file, n), 4)
    return "\n".join(out) + "\n"


def main(argv):
    args = list(argv)
    output = None
    if "-o" in args:
        i = args.index("-o")
        if i + 1 >= len(args):
            sys.stderr.write("tether import: -o needs a file name\n")
            return 2
        output = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        module, base = load_base(args[0])
        text = build(module, base)
    except Unsupported as e:
        sys.stderr.write("%s: error: unsupported: %s\n  hint: the model format cannot say this yet; "
                         "write it by hand or leave it out\n" % (e.where, e.what))
        return 2
    except SystemExit as e:
        sys.stderr.write("%s\n" % e.code)
        return 2
    except Exception as e:  # the application itself failed to import or configure
        tb = e.__traceback__
        loc = ""
        while tb is not None:  # the innermost frame of real source ("<frozen …>" is Python's own)
            name = tb.tb_frame.f_code.co_filename
            if not name.startswith("<") and os.path.abspath(name) != os.path.abspath(__file__):
                loc = "%s:%d" % (shown(name), tb.tb_lineno)
            tb = tb.tb_next
        loc = loc or "tether import"
        if isinstance(e, SyntaxError) and e.filename:
            loc = "%s:%s" % (shown(e.filename), e.lineno)
        sys.stderr.write("%s: error: importing %s failed: %s: %s\n" % (loc, args[0], type(e).__name__, e))
        return 2
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
