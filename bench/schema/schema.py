"""The benchmark schema: N tables, each with a serial key, an FK to its parent in a binary tree (the
root to itself), a unique column, an indexed column and a default, described three ways from one
generator so they agree: a tether model file, SQLAlchemy metadata (create_all builds the database),
and Alembic's autogenerate comparison of that metadata against the database.

    python3 schema.py models N FILE          # write the tether models
    python3 schema.py create URL N           # create_all() into the database
    python3 schema.py compare URL N          # time compare_metadata; prints "seconds diffs"
"""
import sys
import time

from sqlalchemy import (Column, DateTime, ForeignKey, Index, Integer, MetaData, Numeric, String, Table,
                        create_engine, text)


def table_name(i):
    return "t%04d" % i


def parent_name(i):
    # A binary tree of FKs, the root referencing itself: a chain 2,000 deep would overflow
    # SQLAlchemy's recursive dependency sort.
    return table_name((i - 1) // 2 if i else 0)


def metadata(n):
    md = MetaData()
    for i in range(n):
        name = table_name(i)
        parent = parent_name(i)
        Table(name, md,
              Column("id", Integer, primary_key=True),
              Column("code", String(100), unique=True),
              Column("parent_id", ForeignKey(parent + ".id", ondelete="CASCADE")),
              Column("amount", Numeric(10, 2), nullable=False),
              Column("created_at", DateTime, server_default=text("now()")),
              Index("ix_%s_parent_id" % name, "parent_id"))
    return md


def models(n, path):
    with open(path, "w") as out:
        out.write("version: 1\ntables:\n")
        for i in range(n):
            name = table_name(i)
            parent = parent_name(i)
            out.write("  %s:\n    columns:\n" % name)
            out.write("      id: {type: Integer, primary_key: true}\n")
            out.write("      code: {type: String(100), unique: true}\n")
            out.write("      parent_id: {type: Integer, foreign_key: {column: %s.id, on_delete: CASCADE}, index: true}\n"
                      % parent)
            out.write("      amount: {type: Numeric(10, 2), nullable: false}\n")
            out.write("      created_at: {type: DateTime, server_default: {sql: \"now()\"}}\n")


def main():
    mode = sys.argv[1]
    if mode == "models":
        models(int(sys.argv[2]), sys.argv[3])
        return 0
    url, n = sys.argv[2], int(sys.argv[3])
    engine = create_engine(url, connect_args={"application_name": "alembic"})
    md = metadata(n)
    if mode == "create":
        md.create_all(engine)
        return 0
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    start = time.perf_counter()
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), md)
    print("%.3f %d" % (time.perf_counter() - start, len(diffs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
