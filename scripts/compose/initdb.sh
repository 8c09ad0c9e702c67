#!/bin/sh
# Runs once, when the PostgreSQL container initialises its data directory: the application's role (not a superuser,
# so the reserved connection slots stay free for an administrator) and the database it owns.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE dossiers LOGIN PASSWORD '${DOSSIERS_PASSWORD}';
CREATE DATABASE dossiers OWNER dossiers;
SQL
