"""A goal file: the one object through which the app reads and writes.

`GoalFile` is an open connection with the file's identity (its meta); what it
can do comes in layers, one idea each: `db.reading` (the model, periods,
the tree), `db.permissions` (who may change what), `db.writing` (entries,
assessments, report settings, the change log). Structure edits are in
`db.structure`, the period cycle in `db.periods`. Never import Qt here.
"""

import getpass
import sqlite3
import uuid
from functools import cached_property
from pathlib import Path

from . import connection
from .model import OrgModel
from .writing import ORIGIN_APP, Writing, now_utc

__all__ = ["ORIGIN_APP", "GoalFile", "new_id", "now_utc"]


def new_id() -> str:
    return str(uuid.uuid4())


class GoalFile(Writing):
    """An open goal file. Use `GoalFile.open` or `db.template.create_from_template`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool, user: str | None):
        self.path = Path(path)
        self.conn = conn
        self.readonly = readonly
        self.user = user or _default_user()
        self._model: OrgModel | None = None
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        self.file_id = meta.get("file_id", "")
        self.organisation = meta.get("organisation", "")
        self.kind = meta.get("kind", "central")
        self.export_id = meta.get("export_id", "")
        self.exported_at = meta.get("exported_at", "")
        self.export_period = meta.get("export_period", "")  # the one period a unit file may edit
        # What the controller told the officer at export: shown in the unit file's window only.
        self.exported_by = meta.get("exported_by", "")
        self.deadline = meta.get("deadline", "")
        self.return_to = meta.get("return_to", "")
        self.unit = self.unit_by_id(meta.get("unit_id")) if self.kind == "unit" else None

    @classmethod
    def open(cls, path, *, readonly: bool = False, user: str | None = None) -> "GoalFile":
        return cls(path, connection.open_database(Path(path), readonly=readonly), readonly=readonly, user=user)

    @cached_property
    def db(self):
        """sqlite-utils on the same connection, for bulk inserts (templates, merge).

        Imported on first use: the GUI's start and its edits need only plain SQL, and
        sqlite-utils with what it imports costs 0.15 s. Write only inside `transaction()`."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)  # no plugin code on a goal file

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container)
        return "okänd"
