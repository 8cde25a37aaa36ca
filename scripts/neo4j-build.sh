#!/usr/bin/env bash
# Build the embedded Neo4j 5.26 test server (graph/neo4j_server) so tests can start it without Docker.
# Idempotent: does nothing when target/zwgk-neo4j-server.jar is newer than the pom and the sources.
# Installs a JDK 17 and Maven with apt-get when they are missing and we are root (a fresh CI machine).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server="$root/graph/neo4j_server"
jar="$server/target/zwgk-neo4j-server.jar"

if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "neo4j-build: installing a JDK and Maven with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  else
    echo "neo4j-build: java and mvn are needed (JDK 17+, Maven 3.8+); install them and retry" >&2
    exit 1
  fi
fi

if [ -f "$jar" ] && [ -d "$server/target/lib" ] \
  && [ -z "$(find "$server/pom.xml" "$server/src" -newer "$jar" -type f -print -quit)" ]; then
  echo "neo4j-build: up to date: $jar"
  exit 0
fi

start=$(date +%s)
if ! log="$(cd "$server" && mvn -q -B package 2>&1)"; then
  echo "$log" >&2
  echo "neo4j-build: mvn package failed in $server" >&2
  exit 1
fi
echo "neo4j-build: built $jar in $(($(date +%s) - start)) s"
