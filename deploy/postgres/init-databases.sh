#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): one role and one
# database per service, each owned by its role, because no service reads another's tables.
# Passwords come from RESERVATION_DB_PASSWORD, CONSENT_DB_PASSWORD, ... (deploy/generate-secrets.sh); there is no
# fallback: a role without its password is not created.
set -euo pipefail

for db in reservation consent meeting notification; do
  var="${db^^}_DB_PASSWORD"
  password="${!var:-}"
  if [ -z "$password" ]; then
    echo "init-databases: $var is not set (run deploy/generate-secrets.sh)" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$db" -v password="$password" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"db";
-- Flyway creates the tables in the public schema; on PostgreSQL 15+ only the owner may create there.
\connect :"db"
ALTER SCHEMA public OWNER TO :"db";
SQL
done
