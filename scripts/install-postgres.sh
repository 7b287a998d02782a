#!/usr/bin/env bash
# Installs PostgreSQL from Debian and builds pgvector from Debian's own source package (Debian 12 ships
# PostgreSQL but no pgvector package). Needs root; does nothing when pgvector is already installed.
set -euo pipefail

SOURCE_SUITE=${PGVECTOR_SUITE:-trixie}  # the Debian release whose pgvector source is built

if [ ! -d /usr/lib/postgresql ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ -f "/usr/share/postgresql/$version/extension/vector.control" ]; then
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$version" build-essential >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt verifies the source package against the signed index of that release.
echo "deb-src http://deb.debian.org/debian $SOURCE_SUITE main" >"$work/sources.list"
mkdir -p "$work/lists/partial"
chown -R _apt "$work" 2>/dev/null || true  # apt downloads as its own unprivileged user
apt_options=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$work/lists")
apt-get "${apt_options[@]}" update -qq
(cd "$work" && apt-get "${apt_options[@]}" source -qq --download-only pgvector)
tar -xf "$work"/pgvector_*.orig.tar.* -C "$work"
# OPTFLAGS="": no -march=native, so the build runs on any x86-64 machine.
make -s -C "$work"/pgvector-*/ PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config" OPTFLAGS="" >/dev/null
make -s -C "$work"/pgvector-*/ PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config" install >/dev/null
echo "pgvector installed for PostgreSQL $version"
