#!/usr/bin/env bash
# crates/vendor/neo4rs is neo4rs 0.9.0-rc.11 exactly as published on crates.io
# plus crates/vendor/neo4rs/idlens.patch (IDLENS.md there says why). This keeps
# the two from drifting apart:
#
#   scripts/vendored-neo4rs.sh check   the tree is published + patch, nothing else
#   scripts/vendored-neo4rs.sh test    check, then the crate's own unit tests on
#                                      both message paths: the default one and
#                                      `unstable-bolt-protocol-impl-v2`
#                                      (scripts/test.sh runs this)
#   scripts/vendored-neo4rs.sh diff    rewrite idlens.patch from the tree, after
#                                      changing the vendored code
#
# The published crate comes from cargo's cache, or through `cargo fetch` when it
# is not there, and is checked against crates.io's checksum of that version.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=0.9.0-rc.11
CHECKSUM=10cd9e5a406a2a8a82cebf3438ddec3503728c9dcb3c761b3e96478f002f9ff8
TREE=crates/vendor/neo4rs
PATCH="$TREE/idlens.patch"
# Ours, not upstream's: left out of the comparison and of the patch.
OURS=(IDLENS.md idlens.patch)

usage() {
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# The published .crate file, fetched through cargo when it is not cached.
crate_file() {
    local cache="${CARGO_HOME:-$HOME/.cargo}/registry/cache"
    local found
    found=$(find "$cache" -name "neo4rs-$VERSION.crate" 2>/dev/null | head -n 1)
    if [ -z "$found" ]; then
        local project
        project=$(mktemp -d)
        mkdir "$project/src"
        touch "$project/src/lib.rs"
        cat >"$project/Cargo.toml" <<EOF
[package]
name = "fetch-published-neo4rs"
version = "0.0.0"
edition = "2021"

[dependencies]
neo4rs = { version = "=$VERSION", default-features = false }

[workspace]
EOF
        cargo fetch --quiet --manifest-path "$project/Cargo.toml" >&2
        rm -rf "$project"
        found=$(find "$cache" -name "neo4rs-$VERSION.crate" | head -n 1)
    fi
    [ -n "$found" ] || { echo "neo4rs $VERSION could not be fetched" >&2; exit 2; }
    local sum
    sum=$(sha256sum "$found" | cut -d' ' -f1)
    if [ "$sum" != "$CHECKSUM" ]; then
        echo "$found has checksum $sum, not crates.io's $CHECKSUM" >&2
        exit 2
    fi
    echo "$found"
}

# Unpacks the published crate into $1/a (as published) and copies the vendored
# tree, without our own files, into $1/b.
unpack() {
    local work="$1" crate
    crate=$(crate_file)
    mkdir -p "$work/a" "$work/b"
    tar -xzf "$crate" -C "$work/a" --strip-components=1
    cp -R "$REPO_ROOT/$TREE/." "$work/b"
    local file
    for file in "${OURS[@]}"; do rm -f "$work/b/$file"; done
}

# The patch from a to b, with paths relative to the crate (a/src/…, b/src/…)
# and no dates, so it only changes when the code does.
make_patch() {
    (cd "$1" && git diff --no-index --no-prefix --no-color --no-renames a b) || [ $? -eq 1 ]
}

cmd_diff() {
    local work
    work=$(mktemp -d)
    unpack "$work"
    make_patch "$work" >"$REPO_ROOT/$PATCH"
    rm -rf "$work"
    echo "wrote $PATCH ($(grep -c '^diff ' "$REPO_ROOT/$PATCH") files changed)"
}

cmd_check() {
    local work
    work=$(mktemp -d)
    # Cleared as it runs: a RETURN trap stays set after its function returns.
    trap 'rm -rf "$work"; trap - RETURN' RETURN
    unpack "$work"
    (cd "$work/a" && patch --quiet -p1 --no-backup-if-mismatch <"$REPO_ROOT/$PATCH") || {
        echo "$PATCH does not apply to neo4rs $VERSION as published" >&2
        return 1
    }
    if ! diff -r "$work/a" "$work/b" >"$work/drift"; then
        echo "$TREE is not neo4rs $VERSION + $PATCH; it differs in:" >&2
        cat "$work/drift" >&2
        echo "Run scripts/vendored-neo4rs.sh diff after changing the vendored code on purpose." >&2
        return 1
    fi
    echo "$TREE is neo4rs $VERSION as published + $PATCH"
}

# The crate is outside the workspace (its own, with upstream's Cargo.lock,
# which --locked keeps as published), so `cargo test --workspace` skips it.
cmd_test() {
    cmd_check
    local manifest="$REPO_ROOT/$TREE/Cargo.toml"
    # The shared build directory, as scripts/test.sh's: never a target/ in
    # the vendored tree, which the check would then find as drift.
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
    cargo test --locked --manifest-path "$manifest" --lib
    cargo test --locked --manifest-path "$manifest" --lib --features unstable-bolt-protocol-impl-v2
}

case "${1:-}" in
check) cmd_check ;;
test) cmd_test ;;
diff) cmd_diff ;;
-h | --help) usage ;;
*)
    usage >&2
    exit 2
    ;;
esac
