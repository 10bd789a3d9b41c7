#!/usr/bin/env bash
# A real Neo4j Community 5.26 (tests/neo4j: the harness, in-process) for the
# tests and the demo, without Docker.
#
#   scripts/neo4j.sh build        build the launcher (quick when up to date)
#   scripts/neo4j.sh start [--port N] [--password P] [--data DIR]
#                          [--seed-csv FILE --label L --id-property P] [--unique-constraint]
#                                 run it in the foreground: prints
#                                 `NEO4J READY bolt://127.0.0.1:PORT` on stdout when
#                                 ready, logs on stderr; stops on stdin EOF or SIGTERM.
#
# Environment: NEO4J_PASSWORD (instead of --password), NEO4J_JAVA_OPTS (extra JVM
# options), JAVA (the java binary), MVN (the mvn binary).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$here/tests/neo4j"
target="$module/target"
jar="$target/neo4j-launcher.jar"

# Up to date when the jar and its classpath are newer than every input.
up_to_date() {
    [[ -f "$jar" && -f "$target/lib/.complete" ]] || return 1
    [[ -z "$(find "$module/pom.xml" "$module/src" -newer "$target/lib/.complete" -print -quit)" ]]
}

build() {
    mkdir -p "$target"
    # One build at a time (parallel test binaries may all ask).
    exec 9>"$target/.build.lock"
    flock 9
    if up_to_date; then
        return 0
    fi
    rm -f "$target/lib/.complete"
    "${MVN:-mvn}" -B -q -f "$module/pom.xml" package >&2
    touch "$target/lib/.complete"
}

start() {
    up_to_date || build
    # Modest memory: CI machines have 2 cores. exec: the caller's pid is the JVM's.
    # shellcheck disable=SC2086
    exec "${JAVA:-java}" -Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        --add-opens=java.base/java.lang=ALL-UNNAMED \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/java.util=ALL-UNNAMED \
        --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
        ${NEO4J_JAVA_OPTS:-} \
        -cp "$jar:$target/lib/*" idlens.neo4j.Launcher "$@"
}

case "${1:-}" in
    build) build ;;
    start) shift; start "$@" ;;
    *)
        echo "usage: scripts/neo4j.sh build | start [--port N] [--password P] [...]" >&2
        exit 2
        ;;
esac
