"""The workbook's SQLite schema as a list of named migrations.

A migration is a function applied inside one transaction and recorded in the
``migrations`` table; ``meta.schema_version`` is the number applied. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def m0001_initial(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE partners (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            salt BLOB,
            scrypt_n INTEGER,
            check_value BLOB,
            created TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE entries (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            author TEXT NOT NULL REFERENCES partners(name),
            visibility TEXT NOT NULL CHECK (visibility IN ('shared', 'private')),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            body BLOB NOT NULL
        )"""
    )
    db.execute("CREATE INDEX entries_kind ON entries(kind, created)")


def m0002_entry_versions(db: sqlite3.Connection) -> None:
    """Edits keep history: every version of an entry is kept in entry_versions."""
    db.execute("ALTER TABLE entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute(
        """CREATE TABLE entry_versions (
            id TEXT NOT NULL REFERENCES entries(id),
            version INTEGER NOT NULL,
            updated TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (id, version)
        )"""
    )
    db.execute(
        "INSERT INTO entry_versions (id, version, updated, body) "
        "SELECT id, 1, updated, body FROM entries"
    )


def m0003_author_index(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX entries_author ON entries(author, kind)")


def m0004_partner_seals(db: sqlite3.Connection) -> None:
    """Per partner: how private bodies are sealed (1: id, kind, author; 2: also the
    version) and who set the passphrase when it was not the partner themself. Rows
    sealed the old way are re-sealed the next time their partner unlocks (a migration
    cannot: it has no keys)."""
    db.execute("ALTER TABLE partners ADD COLUMN seal_format INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE partners ADD COLUMN set_by TEXT")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("0001_initial", m0001_initial),
    ("0002_entry_versions", m0002_entry_versions),
    ("0003_author_index", m0003_author_index),
    ("0004_partner_seals", m0004_partner_seals),
]

SCHEMA_VERSION = len(MIGRATIONS)
