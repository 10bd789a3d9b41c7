#!/usr/bin/env bash
# Runs the whole IdLens suite, in the order that fails fastest: formatting, the
# UI's types, unit tests and build, the release scripts' tests, the generated
# bindings, lints, every Rust test (unit, CLI with a real keychain, layering),
# the patched neo4rs (published + its patch, and its own tests), the app build, and the end-to-end run of
# the real app under Xvfb, then the Linux packages built, installed, opened and
# removed (scripts/test-packages.sh). Stops at the first failing stage and says which.
#
#   scripts/test.sh
#
# Ends with a line "N passed, N failed" counting stages. Exit status 0 only when
# every stage passed. CI runs this on a fresh clone (see .ci/run).
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
export IDLENS_TOOLS_DIR="${IDLENS_TOOLS_DIR:-$HOME/.cache/idlens/tools}"
export PATH="$IDLENS_TOOLS_DIR/bin:$PATH"
if [ -d "$HOME/.cargo/bin" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi

passed=0
failed=0
timings=()

if [ -t 1 ]; then bold=$'\033[1m' red=$'\033[31m' green=$'\033[32m' reset=$'\033[0m'; else bold='' red='' green='' reset=''; fi

summary() {
    echo
    echo "${bold}Stage timings${reset}"
    local line
    for line in "${timings[@]}"; do echo "  $line"; done
    echo "$passed passed, $failed failed"
}

# stage NAME HINT COMMAND...: runs COMMAND; on failure prints HINT and stops.
stage() {
    local name="$1" hint="$2"
    shift 2
    echo
    echo "${bold}==> [$((passed + failed + 1))] $name${reset}"
    echo "    \$ $*"
    local start=$SECONDS
    if "$@"; then
        local took=$((SECONDS - start))
        passed=$((passed + 1))
        timings+=("$(printf '%-12s %4ds  ok' "$name" "$took")")
        echo "${green}--> $name passed (${took}s)${reset}"
    else
        local status=$? took=$((SECONDS - start))
        failed=$((failed + 1))
        timings+=("$(printf '%-12s %4ds  FAILED (exit %d)' "$name" "$took" "$status")")
        echo "${red}${bold}--> $name FAILED (exit $status, ${took}s)${reset}" >&2
        echo "${red}    $hint${reset}" >&2
        summary
        exit 1
    fi
}

stage deps "Installing dependencies failed; run scripts/setup.sh --deps-only and read its message." \
    bash scripts/setup.sh --deps-only
stage fmt "Code is not formatted: run 'cargo fmt --all' and commit the result." \
    cargo fmt --all -- --check
stage typecheck "TypeScript errors in ui/ (strict mode): see the tsc output above." \
    npm --prefix ui run typecheck
stage ui-unit "A UI unit test (Vitest, ui/src/**/*.test.ts) failed: see above." \
    npm --prefix ui test
stage ui-build "The UI does not build: see the Vite output above." \
    npm --prefix ui run build
stage release-scripts "A release script's test failed (scripts/*.test.mjs: the update manifest, the updater settings and their URL rule): see above." \
    node --test scripts/update-manifest.test.mjs scripts/updater-config.test.mjs scripts/release-url.test.mjs
stage bindings "ui/src/bindings.ts is stale: run 'UPDATE_EXPECT=1 cargo test -p idlens-api --test api bindings::' and commit it." \
    cargo test -p idlens-api --test api bindings::
stage clippy "Clippy found problems (warnings are errors): fix them, see above." \
    cargo clippy --workspace --all-targets -- -D warnings
stage rust-tests "A Rust test failed or did not compile: see above (the CLI tests live in tests/cli/)." \
    cargo test --workspace
stage neo4rs "crates/vendor/neo4rs is not neo4rs as published + its idlens.patch, or its own tests failed: see above and crates/vendor/neo4rs/IDLENS.md." \
    bash scripts/vendored-neo4rs.sh test
# The same targets and features as the tests, so the binary is already built.
stage app-build "The app does not build." \
    cargo build --workspace --all-targets
stage e2e "The end-to-end run failed: see the spec output above; logs in tests/e2e/logs/, screenshots in tests/e2e/screenshots/." \
    node tests/e2e/run.mjs
stage packages "The .deb/.rpm check failed: see scripts/test-packages.sh's output above." \
    bash scripts/test-packages.sh

summary
