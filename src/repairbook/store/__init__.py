"""The workbook folder: SQLite schema and migrations, private-entry crypto, backups."""

from repairbook.store.paths import default_workbook, resolve_workbook
from repairbook.store.workbook import (
    CheckReport,
    CorruptWorkbook,
    DiskFull,
    EntryNotFound,
    NotAWorkbook,
    PassphraseError,
    StoreError,
    UnknownPartner,
    Workbook,
    WorkbookBusy,
    WorkbookTooNew,
    check_workbook,
    entry_to_json,
    list_backups,
    restore,
)

__all__ = [
    "CheckReport",
    "CorruptWorkbook",
    "DiskFull",
    "EntryNotFound",
    "NotAWorkbook",
    "PassphraseError",
    "StoreError",
    "UnknownPartner",
    "Workbook",
    "WorkbookBusy",
    "WorkbookTooNew",
    "check_workbook",
    "default_workbook",
    "entry_to_json",
    "list_backups",
    "resolve_workbook",
    "restore",
]
