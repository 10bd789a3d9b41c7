"""Generates the sync audit benchmark's data: Auth0 users and graph rows with drift.

Deterministic: the data depends only on the seed, the number of users and the
number of graph rows (not on the number of processes), so every run writes
byte-identical files.

Usage: python audit_data.py OUT_DIR --users N [--graph-rows M] [--seed S] [--jobs J] [--level L]

Writes
  OUT_DIR/users.json.gz  N Auth0 users as Auth0's users export gives them
                         (format: json, NDJSON, one gzip member);
  OUT_DIR/graph.csv      M graph rows, header `sub,email,email_verified,name`
                         (M defaults to N);
  OUT_DIR/expected.json  {"summary": {...}, "users": N, "graph_rows": M, ...}:
                         the findings of docs/audit.md the data holds, counted
                         here while generating, exactly;
and prints expected.json.

The users are generated in chunks of 50,000, each from its own random stream
(seed, chunk), on J processes (default: every core). Everything that relates
two records (duplicate accounts, duplicate nodes, nodes of linked secondaries)
stays inside a chunk, and every id and e-mail is unique by construction
(derived from the user's index), so the expected counts are the sums of the
chunks' counts. Drift is injected at a few per cent of each kind:

  missing_in_graph           ~4.5 % of users have no node (every provider)
  orphan_in_graph            the rest of the M rows: ids in no user (~2 % of M
                             when M = N), 3 % of them with two rows
  linked_secondary_in_graph  ~4.5 % of users have linked identities after the
                             first (a fifth have two; GitHub's user_id is a JSON
                             number), a quarter of those identities have a node
  field_drift                e-mail changed (~1.5 %), name changed or missing
                             (~1.3 %), e-mail_verified flipped (~1 %); and what
                             is not drift: e-mail case and surrounding spaces
                             (~4 %), a node without email_verified (~3 %)
  duplicate_node             ~1 % of user nodes (a tenth with three rows),
                             orphans and secondaries: copies, or rows that
                             differ, the first row in file order being the one
                             that counts for drift
  duplicate_account          ~2.4 % of users share a normalised e-mail with an
                             earlier one: another provider, case and space
                             variants, some unverified; groups of 2 and 3
  users without e-mail       ~2 % (GitHub without a public e-mail, SMS)

Every drift verdict is computed here by applying the rules of docs/audit.md to
the values written, not assumed from the kind of change injected.
"""

import argparse
import json
import os
import random
import struct
import sys
import time
import zlib
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

CHUNK = 50_000

FIRST = (
    "ana maria joão lucas emma noah olivia liam sofia mateo chloé lena jonas mia "
    "ben elif can yuki hana arjun priya wei ming zoë łukasz agnieszka søren ingrid "
    "pierre amélie diego lucía omar layla tomás inês sven karin nadia ivan olga "
    "kwame amara tariq fatima ravi ananya jakub eva marco giulia paolo chiara"
).split()
LAST = (
    "silva santos müller schmidt garcia martínez rossi bianchi dubois martin "
    "nowak kowalski jensen hansen johansson nilsson smith jones brown taylor "
    "wilson tanaka suzuki kim lee park chen wang singh patel kumar okafor mensah "
    "haddad rahman yılmaz demir ivanova petrov novák horváth costa pereira "
    "fernández lópez andersen larsen berg dahl walsh byrne"
).split()
DOMAINS = (
    "example.com example.org mail.test corp.example acme.test globex.example "
    "initech.test umbrella.example hooli.test"
).split()
OLD_DOMAINS = "oldmail.test previous.example legacy.test".split()
NF, NL, ND = len(FIRST), len(LAST), len(DOMAINS)
# E-mail addresses are ASCII (names are not): ł -> l, ø -> o, ü -> u, ...
ASCII = str.maketrans("ãáàâäåéèêëíìîïıóòôöøõúùûüçñłśšžýğ", "aaaaaaeeeeiiiiioooooouuuucnlsszyg")

# Primary providers: (provider, connection, isSocial, cumulative weight).
PRIMARY = (
    ("auth0", "Username-Password-Authentication", False, 0.58),
    ("google-oauth2", "google-oauth2", True, 0.83),
    ("github", "github", True, 0.93),
    ("email", "email", False, 0.97),
    ("waad", "acme-azure-ad", False, 1.0),
)
SECONDARY = (
    ("google-oauth2", "google-oauth2", True),
    ("github", "github", True),
    ("auth0", "Username-Password-Authentication", False),
    ("email", "email", False),
)

# Id spaces, disjoint by construction: the kind is part of every id.
K_USER, K_SECONDARY, K_ORPHAN = 0, 1, 2


def provider_id(provider, kind, n):
    """The provider's user id for index n in the given id space (str, or int for GitHub)."""
    if provider in ("auth0", "email"):
        # An ObjectId look-alike: 4-byte time, 5 bytes telling the space, 3-byte counter.
        stamp = 0x5F000000 + ((n * 2654435761) & 0xFFFFFF)
        return "%08x%02x%08x%06x" % (stamp, 0xA0 + kind, n >> 24, n & 0xFFFFFF)
    if provider == "google-oauth2":
        return "1%d%019d" % (kind, (n * 982451653 + 7) % 10**19)
    if provider == "github":
        return (kind + 1) * 10**12 + (n * 48271 + 11) % 10**12
    if provider == "waad":
        h = (n * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        return "%08x-%04x-4%03x-a%03x-%012x" % (h >> 32, kind, n >> 36 & 0xFFF, n >> 24 & 0xFFF, n & 0xFFFFFF | (h & 0xFFFF) << 24)
    raise ValueError(provider)


def jstr(s):
    # Names, e-mails and ids hold no quote, backslash or control character.
    return "null" if s is None else '"' + s + '"'


DAY0 = 1_500_000_000 // 86400
DAYS = [time.strftime("%Y-%m-%d", time.gmtime((DAY0 + d) * 86400)) for d in range(3000)]


def iso(rand, lo_day, hi_day):
    """An ISO 8601 time between two days (offsets from DAY0), and its day."""
    d = lo_day + int(rand() * (hi_day - lo_day))
    s = int(rand() * 86_400_000)
    return "%sT%02d:%02d:%02d.%03dZ" % (DAYS[d], s // 3_600_000, s // 60_000 % 60, s // 1000 % 60, s % 1000), d


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def norm(e):
    """docs/audit.md's e-mail rule: trimmed, ASCII letters lower-cased."""
    if e is None:
        return None
    e = e.strip(" ").translate(ASCII_LOWER)
    return e or None


def csv_cell(s):
    if s is None:
        return ""
    if " " in s or "," in s or '"' in s or not s:  # nothing here holds a line break
        return '"' + s.replace('"', '""') + '"'
    return s


def case_variant(rng, e):
    r = rng.random()
    if r < 0.4:
        return e.upper()
    if r < 0.7:
        local, _, dom = e.partition("@")
        return local[:1].upper() + local[1:] + "@" + dom.capitalize()
    if r < 0.85:
        return " " + e
    return e.capitalize() + "  "


def gen_chunk(args):
    """One chunk: (gz deflate bytes, crc32, length, graph CSV bytes, counts, rows)."""
    seed, c, start, end, row_target, level = args
    rng = random.Random("idlens-audit:%d:%d" % (seed, c))
    rand = rng.random
    users = []
    rows = []  # (sub, email, ev, name, u) with u the Auth0 user (email, ev, name) or None
    counts = dict(missing_in_graph=0, orphan_in_graph=0, linked_secondary_in_graph=0,
                  field_drift=0, duplicate_node=0, duplicate_account=0)
    extra = dict(users_without_email=0, linked_identities=0, email_cosmetic=0)
    dup_groups = {}  # normalised e-mail -> size
    recent = []  # recent users with an e-mail, candidates for a duplicate account
    secondary_n = start * 2
    for i in range(start, end):
        r = rand()
        for provider, connection, social, w in PRIMARY:
            if r < w:
                break
        pid = provider_id(provider, K_USER, i)
        user_id = "%s|%s" % (provider, pid)
        first, last = FIRST[int(rand() * NF)], LAST[int(rand() * NL)]
        name = "%s %s" % (first.capitalize(), last.capitalize())
        if rand() < 0.01:
            name = None
        email = "%s.%s%d@%s" % (first.translate(ASCII), last.translate(ASCII), i, DOMAINS[int(rand() * ND)])
        verified = True
        if provider == "auth0":
            verified = rand() < 0.8
        elif provider == "waad":
            verified = rand() < 0.5
        if provider == "github" and rand() < 0.2 or provider == "waad" and rand() < 0.04:
            email = None
        elif rand() < 0.05:
            email = case_variant(rng, email)
        # A duplicate account: the e-mail of a recent user, with another provider.
        if email is not None and recent and rand() < 0.024:
            j = rng.randrange(len(recent))
            base = recent[j]
            key = norm(base)
            size = dup_groups.get(key, 1)
            if size < 3:
                dup_groups[key] = size + 1
                if size == 2:
                    del recent[j]
                r2 = rand()
                email = base if r2 < 0.4 else case_variant(rng, base.strip(" ").lower())
                verified = rand() < 0.7
        if email is None:
            verified = None
            extra["users_without_email"] += 1
        else:
            recent.append(email)
            if len(recent) > 200:
                del recent[0]
        created_s, created_d = iso(rand, 0, 2950)
        login_s, _ = iso(rand, created_d, 2999)
        logins = 1 + int(rand() * 400)
        if isinstance(pid, int):
            ident_uid = str(pid)
        else:
            ident_uid = jstr(pid)
        idents = ['{"connection":"%s","provider":"%s","user_id":%s,"isSocial":%s}'
                  % (connection, provider, ident_uid, "true" if social else "false")]
        secondaries = []
        no_identities = rand() < 0.001  # the cause of a missing node is then "unknown"
        if not no_identities and rand() < 0.045:
            for _ in range(2 if rand() < 0.2 else 1):
                sp, sc, ss = SECONDARY[rng.randrange(len(SECONDARY))]
                sid = provider_id(sp, K_SECONDARY, secondary_n)
                secondary_n += 1
                sfirst = rng.choice(FIRST)
                semail = ("%s.%s%d.%d@%s" % (sfirst, last, i, len(secondaries), rng.choice(DOMAINS))).translate(ASCII)
                sname = "%s %s" % (sfirst.capitalize(), last.capitalize())
                idents.append(
                    '{"profileData":{"email":%s,"email_verified":true,"name":%s},'
                    '"connection":"%s","provider":"%s","user_id":%s,"isSocial":%s}'
                    % (jstr(semail), jstr(sname), sc, sp,
                       str(sid) if isinstance(sid, int) else jstr(sid), "true" if ss else "false"))
                secondaries.append(("%s|%s" % (sp, sid), semail, sname))
                extra["linked_identities"] += 1
        parts = ['{"user_id":%s' % jstr(user_id)]
        if email is not None:
            parts.append('"email":%s,"email_verified":%s' % (jstr(email), "true" if verified else "false"))
        if name is not None:
            parts.append('"name":%s' % jstr(name))
        parts.append('"created_at":"%s","last_login":"%s","logins_count":%d' % (created_s, login_s, logins))
        if not no_identities:
            parts.append('"identities":[%s]' % ",".join(idents))
        users.append(",".join(parts) + "}\n")

        # The user's node(s).
        if rand() < 0.045:
            counts["missing_in_graph"] += 1
        else:
            g_email, g_ev, g_name = (email.strip(" ").lower() if email is not None and rand() < 0.5 else email), verified, name
            r = rand()
            if email is not None and r < 0.04:
                g_email = case_variant(rng, email.strip(" ").lower())
                extra["email_cosmetic"] += 1
            elif r < 0.052:
                g_email = ("%s.%s%d@%s" % (first, last, i, rng.choice(OLD_DOMAINS))).translate(ASCII)
            elif r < 0.055:
                g_email = None
            r = rand()
            if r < 0.01:
                g_name = "%s %s" % (rng.choice(FIRST).capitalize(), last.capitalize())
            elif r < 0.013:
                g_name = None
            r = rand()
            if r < 0.01:
                g_ev = (not verified) if verified is not None else (rand() < 0.5)
            elif r < 0.04:
                g_ev = None
            u = (email, verified, name)
            node = (user_id, g_email, g_ev, g_name, u)
            r = rand()
            if r < 0.01:
                counts["duplicate_node"] += 1
                # The other row: a copy, or a stale row (before or after the current one).
                stale = (user_id, ("%s.%s%d@%s" % (first, last, i, OLD_DOMAINS[0])).translate(ASCII), g_ev, g_name, u)
                copies = [node] * (3 if rand() < 0.1 else 2)
                if rand() < 0.5:
                    copies[rng.randrange(len(copies))] = stale
                rows.extend(copies)
            else:
                rows.append(node)
        for sub, semail, sname in secondaries:
            if rand() < 0.25:
                counts["linked_secondary_in_graph"] += 1
                n = 2 if rand() < 0.05 else 1
                if n == 2:
                    counts["duplicate_node"] += 1
                rows.extend([(sub, semail, True, sname, None)] * n)

    counts["duplicate_account"] = sum(1 for s in dup_groups.values() if s >= 2)
    # Orphans fill the chunk's share of the graph rows.
    fill = row_target - len(rows)
    if fill < 0:
        raise SystemExit("error: %d graph rows are too few for %d users (need about %d)"
                         % (row_target, end - start, len(rows)))
    o = c * 10**7  # orphan ids: an index space of their own per chunk
    while fill > 0:
        provider = ("auth0", "google-oauth2", "github", "auth0", "email")[o % 5]
        sub = "%s|%s" % (provider, provider_id(provider, K_ORPHAN, o))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        row = (sub, ("%s.%s%d@%s" % (first, last, o, rng.choice(OLD_DOMAINS))).translate(ASCII), rand() < 0.7,
               "%s %s" % (first.capitalize(), last.capitalize()), None)
        o += 1
        counts["orphan_in_graph"] += 1
        if fill >= 2 and rand() < 0.03:
            counts["duplicate_node"] += 1
            rows.extend([row, row])
            fill -= 2
        else:
            rows.append(row)
            fill -= 1
    if o - c * 10**7 >= 10**7:
        raise SystemExit("error: too many graph rows per user")

    rng.shuffle(rows)
    seen = set()
    out = []
    ev_text = {True: "true", False: "false", None: ""}
    for sub, g_email, g_ev, g_name, u in rows:
        if u is not None and sub not in seen:
            seen.add(sub)
            a_email, a_ev, a_name = u
            if (norm(a_email) != norm(g_email)
                    or (g_ev is not None and a_ev != g_ev)
                    or a_name != g_name):
                counts["field_drift"] += 1
        ev = ev_text[g_ev]
        if ev and rand() < 0.02:
            ev = ev.upper() if rand() < 0.5 else ev.capitalize()
        out.append("%s,%s,%s,%s\n" % (csv_cell(sub), csv_cell(g_email), ev, csv_cell(g_name)))

    data = "".join(users).encode()
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    deflated = comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH)
    return deflated, zlib.crc32(data), len(data), "".join(out).encode(), counts, extra, len(rows)


def _gf2_times(mat, vec):
    s, i = 0, 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat):
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1, crc2, len2):
    """zlib's crc32_combine: the CRC of A+B from the CRCs of A and B and B's length."""
    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def main():
    ap = argparse.ArgumentParser(description="Generate the audit benchmark's data.")
    ap.add_argument("out_dir")
    ap.add_argument("--users", type=int, required=True)
    ap.add_argument("--graph-rows", type=int, default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--level", type=int, default=6, help="gzip level (default 6, gzip's)")
    a = ap.parse_args()
    n = a.users
    m = n if a.graph_rows is None else a.graph_rows
    if n < 1 or m < 0:
        ap.error("--users must be at least 1 and --graph-rows at least 0")
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    chunks = []
    for c, s in enumerate(range(0, n, CHUNK)):
        e = min(n, s + CHUNK)
        # Chunk c's share of the M rows, proportional to its users.
        chunks.append((a.seed, c, s, e, m * e // n - m * s // n, a.level))

    # Summed over the chunks: each counts every kind (gen_chunk), in the report's order.
    summary, extra = Counter(), Counter()
    crc, size, rows = 0, 0, 0
    users_tmp, graph_tmp = out / "users.json.gz.part", out / "graph.csv.part"
    with open(users_tmp, "wb") as fu, open(graph_tmp, "wb") as fg, Pool(max(1, a.jobs)) as pool:
        fu.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")  # gzip, no name, mtime 0
        fg.write(b"sub,email,email_verified,name\n")
        for deflated, ccrc, clen, graph, counts, cextra, crows in pool.imap(gen_chunk, chunks):
            fu.write(deflated)
            crc = crc32_combine(crc, ccrc, clen)
            size += clen
            fg.write(graph)
            rows += crows
            summary.update(counts)
            extra.update(cextra)
        last = zlib.compressobj(a.level, zlib.DEFLATED, -15)
        fu.write(last.flush(zlib.Z_FINISH))
        fu.write(struct.pack("<II", crc, size & 0xFFFFFFFF))
    assert rows == m, (rows, m)
    os.replace(users_tmp, out / "users.json.gz")
    os.replace(graph_tmp, out / "graph.csv")
    expected = {
        "summary": dict(summary),
        "users": n,
        "graph_rows": m,
        "seed": a.seed,
        "injected": dict(extra),
        "users_json_bytes": size,
        "seconds": round(time.monotonic() - started, 2),
    }
    (out / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")
    print(json.dumps(expected))


if __name__ == "__main__":
    sys.exit(main())
