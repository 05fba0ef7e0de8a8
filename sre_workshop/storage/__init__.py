"""Storage on SQLite: the connection, migrations, backups and the repository of domain objects."""

from sre_workshop.storage.backups import list_backups, make_backup
from sre_workshop.storage.connection import Database, open_database, schema_version
from sre_workshop.storage.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from sre_workshop.storage.repository import DatabaseSummary, Repository

__all__ = [
    "CorruptDatabaseError",
    "Database",
    "DatabaseSummary",
    "DiskFullError",
    "NewerDatabaseError",
    "NotFoundError",
    "ReadOnlyError",
    "Repository",
    "StorageError",
    "list_backups",
    "make_backup",
    "open_database",
    "schema_version",
]
