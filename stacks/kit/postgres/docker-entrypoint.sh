#!/bin/bash
# Entrypoint of kafka-sandbox's offline Postgres image (Debian's PostgreSQL 15).
# Follows the official `postgres` image's conventions so the same stack code drives both:
#   POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
#   POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default = user), POSTGRES_HOST_AUTH_METHOD
#   (default scram-sha-256), POSTGRES_INITDB_ARGS, PGDATA, /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz}.
# Command: `postgres [-c name=value ...]` (or only options: `-c wal_level=logical`); anything else
# is executed as is.
#
# Unlike the official image, the temporary server used during first-start initialisation logs to a
# file, not to stdout: "database system is ready to accept connections" appears on stdout exactly
# once per container start, when the server that stays (listening on 0.0.0.0:5432) is up.
set -Eeo pipefail

log() { echo "$(date -u '+%Y-%m-%d %H:%M:%S.%3N UTC') [entrypoint] $*"; }
fail() { echo "$(date -u '+%Y-%m-%d %H:%M:%S.%3N UTC') [entrypoint] ERROR: $*" >&2; exit 1; }

# Only options given: they are options of postgres.
if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
  exec "$@"
fi

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

# Started as root (e.g. `--user 0`): prepare the folders, then drop to `postgres` (it refuses root).
if [ "$(id -u)" = '0' ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA"
  chown postgres:postgres /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

mkdir -p "$PGDATA"
chmod 700 "$PGDATA" 2>/dev/null || true

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"

  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != 'trust' ]; then
    cat >&2 <<'EOM'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.
EOM
    exit 1
  fi

  log "initialising the database cluster in $PGDATA"
  # --pwfile refuses a truly empty file, hence the newline (as the official image does).
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is word-split on purpose, like the official image
  initlog="$(mktemp /tmp/initdb.XXXXXX.log)"
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --encoding=UTF8 --locale=C.UTF-8 $POSTGRES_INITDB_ARGS >"$initlog" 2>&1 \
    || { cat "$initlog" >&2; fail 'initdb failed'; }
  rm -f "$initlog"

  # Remote hosts authenticate with a password (local socket and loopback keep initdb's trust).
  {
    echo
    echo "# added by kafka-sandbox's entrypoint (the official image's convention)"
    echo "host all all all $POSTGRES_HOST_AUTH_METHOD"
  } >>"$PGDATA/pg_hba.conf"
  {
    echo
    echo "# added by kafka-sandbox's entrypoint"
    echo "listen_addresses = '*'"
  } >>"$PGDATA/postgresql.conf"

  # A temporary server on the Unix socket only (no TCP: nothing outside can mistake it for the real
  # one), logging to a file so its "ready to accept connections" never reaches stdout.
  templog="$(mktemp /tmp/postgres-init.XXXXXX.log)"
  pg_ctl -D "$PGDATA" -l "$templog" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql -p 5432" start >/dev/null \
    || { cat "$templog" >&2; fail 'the temporary server did not start'; }

  psql_init=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --quiet
    --host=/var/run/postgresql --port=5432 --username="$POSTGRES_USER")

  if [ "$POSTGRES_DB" != 'postgres' ]; then
    "${psql_init[@]}" --dbname=postgres --set db="$POSTGRES_DB" >/dev/null <<'EOSQL' \
      || { cat "$templog" >&2; fail "could not create database $POSTGRES_DB"; }
SELECT 'CREATE DATABASE ' || quote_ident(:'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')\gexec
EOSQL
  fi

  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        log "running $f"
        if [ -x "$f" ]; then "$f"; else . "$f"; fi
        ;;
      *.sql) log "running $f"; "${psql_init[@]}" --dbname="$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${psql_init[@]}" --dbname="$POSTGRES_DB" ;;
      *) log "ignoring $f" ;;
    esac
  done

  pg_ctl -D "$PGDATA" -m fast -w -t 60 stop >/dev/null \
    || { cat "$templog" >&2; fail 'the temporary server did not stop'; }
  rm -f "$templog"
  log 'PostgreSQL init process complete; ready for start up.'
fi

# The server that stays: PID 1, so `docker stop` (SIGINT, see the Dockerfile) reaches it directly.
exec "$@"
