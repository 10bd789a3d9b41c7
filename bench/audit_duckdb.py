"""The audit benchmark's anchor: the findings of docs/audit.md as DuckDB SQL.

What a data engineer would run instead of `idlens audit`: DuckDB (PyPI
`duckdb`) reading the same files, the Auth0 users export (NDJSON, gzipped or
not) and the graph's CSV (header `sub,email,email_verified,name`), and
counting the six kinds of finding with the rules of docs/audit.md:

  U   Auth0 users by user_id, the first line of a repeated user_id kept;
  S   linked secondary ids: provider || '|' || user_id of every identity after
      the first (a numeric GitHub user_id read as its decimal text);
  G   graph rows by id; the first row of an id in file order is the one
      compared for drift;
  e-mails normalised with trim (spaces) and ASCII letters lower-cased, every
      other character kept as it is (no Unicode case mapping: a Kelvin sign
      is no k), empty meaning "no e-mail";
  email_verified compared only when the graph's value is not null, name
  exactly, null on one side only being a difference.

Usage: python audit_duckdb.py USERS_JSON[.gz] GRAPH_CSV [--threads N] [--memory-limit SIZE] [--timings]

Prints {"missing_in_graph": …, "orphan_in_graph": …, "linked_secondary_in_graph": …,
"field_drift": …, "duplicate_node": …, "duplicate_account": …} on one line.
DuckDB's threads and memory limit are its defaults (every core, 80 % of RAM)
unless given. --timings prints each step's seconds to stderr.
"""

import argparse
import json
import sys
import time

import duckdb

# Lower-cases ASCII letters only (DuckDB's lower() maps all of Unicode).
ASCII_LOWER = "translate(%s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

STEPS = [
    # The e-mail rule of docs/audit.md.
    ("macros", """
        CREATE MACRO email_norm(e) AS nullif(""" + ASCII_LOWER % "trim(e)" + """, '')
    """),
    # U: one row per user_id, the first line's values (row_number() over the
    # scan numbers the lines in file order: DuckDB preserves insertion order by
    # default); e-mail normalised.
    ("users", """
        CREATE TEMP TABLE u AS
        SELECT user_id AS id,
               email_norm(f.email) AS email, f.ev AS ev, f.name AS name, f.idents AS idents
        FROM (SELECT user_id,
                     arg_min(struct_pack(email := email, ev := email_verified, name := name,
                                         idents := identities), rn) AS f
              FROM (SELECT row_number() OVER () AS rn, user_id, email, email_verified, name, identities
                    FROM read_json($auth0, format = 'newline_delimited', compression = 'auto_detect',
                        columns = {user_id: 'VARCHAR', email: 'VARCHAR', email_verified: 'BOOLEAN',
                                   name: 'VARCHAR',
                                   identities: 'STRUCT(provider VARCHAR, user_id VARCHAR)[]'}))
              WHERE user_id IS NOT NULL AND user_id <> ''
              GROUP BY user_id)
    """),
    # S: the linked secondary ids (identities after the first).
    ("secondaries", """
        CREATE TEMP TABLE s AS
        SELECT DISTINCT x.provider || '|' || x.user_id AS id
        FROM (SELECT unnest(idents[2:]) AS x FROM u WHERE len(idents) > 1)
    """),
    # G: one row per graph id, its row count and its first row in file order;
    # bad rows (empty id, email_verified neither true nor false in any case)
    # left out.
    ("graph", """
        CREATE TEMP TABLE gg AS
        SELECT id, count(*) AS n, arg_min(struct_pack(email := email, ev := ev, name := name), rn) AS f
        FROM (SELECT row_number() OVER () AS rn, sub AS id,
                     email_norm(email) AS email,
                     CASE lower(email_verified) WHEN 'true' THEN true WHEN 'false' THEN false END AS ev,
                     email_verified AS ev_text, name
              FROM read_csv($graph, header = true, delim = ',', quote = '"', escape = '"',
                  columns = {'sub': 'VARCHAR', 'email': 'VARCHAR', 'email_verified': 'VARCHAR',
                             'name': 'VARCHAR'}))
        WHERE id IS NOT NULL AND id <> '' AND (ev_text IS NULL OR ev IS NOT NULL)
        GROUP BY id
    """),
    ("findings", """
        SELECT
          (SELECT count(*) FROM u ANTI JOIN gg ON u.id = gg.id) AS missing_in_graph,
          (SELECT count(*) FROM gg ANTI JOIN u ON gg.id = u.id ANTI JOIN s ON gg.id = s.id)
            AS orphan_in_graph,
          (SELECT count(*) FROM gg ANTI JOIN u ON gg.id = u.id SEMI JOIN s ON gg.id = s.id)
            AS linked_secondary_in_graph,
          (SELECT count(*) FROM u JOIN gg ON u.id = gg.id
           WHERE u.email IS DISTINCT FROM gg.f.email
              OR (gg.f.ev IS NOT NULL AND u.ev IS DISTINCT FROM gg.f.ev)
              OR u.name IS DISTINCT FROM gg.f.name) AS field_drift,
          (SELECT count(*) FROM gg WHERE n > 1) AS duplicate_node,
          (SELECT count(*) FROM (SELECT email FROM u WHERE email IS NOT NULL
                                 GROUP BY email HAVING count(*) >= 2)) AS duplicate_account
    """),
]


def main():
    ap = argparse.ArgumentParser(description="The audit findings' counts, computed by DuckDB.")
    ap.add_argument("auth0", help="Auth0 users export: NDJSON, gzipped or not")
    ap.add_argument("graph", help="graph rows: CSV with header sub,email,email_verified,name")
    ap.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: its own, every core)")
    ap.add_argument("--memory-limit", default=None, help="DuckDB memory_limit, e.g. 4GB (default: its own)")
    ap.add_argument("--timings", action="store_true", help="print each step's seconds to stderr")
    a = ap.parse_args()

    con = duckdb.connect(":memory:")
    if a.threads:
        con.execute("SET threads = %d" % a.threads)
    if a.memory_limit:
        con.execute("SET memory_limit = '%s'" % a.memory_limit.replace("'", ""))
    params = {"auth0": a.auth0, "graph": a.graph}
    kinds, row = [], None
    for name, sql in STEPS:
        started = time.monotonic()
        used = {k: v for k, v in params.items() if "$" + k in sql}
        cur = con.execute(sql, used) if used else con.execute(sql)
        if name == "findings":
            # One column per kind, named as in the report.
            kinds = [column[0] for column in cur.description]
            row = cur.fetchone()
        if a.timings:
            print("%-12s %6.2f s" % (name, time.monotonic() - started), file=sys.stderr)
    summary = dict(zip(kinds, (int(v) for v in row)))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
