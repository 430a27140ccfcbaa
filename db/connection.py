"""Opening a goal file: recognise it, refuse what is not ours, migrate forward.

This is the only place that turns a path into a connection. A file is
checked before SQLite is allowed to interpret it, and a file from an older
Styrkort is copied aside before the first migration step touches it.
"""

import contextlib
import os
import secrets
import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import (
    CorruptFileError,
    GoalFileError,
    NewerVersionError,
    NotAGoalFileError,
    describe_os_error,
    describe_sqlite_error,
)
from .regular_file import SpecialFileError, open_regular
from .schema import APPLICATION_ID, SCHEMA_VERSION, STEPS

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_HEADER_SIZE = 100


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite reads it."""
    try:
        with open_regular(path) as f:
            header = f.read(PAGE_HEADER_SIZE)
            size = os.fstat(f.fileno()).st_size
    except SpecialFileError as e:
        raise NotAGoalFileError(f"{path} kan inte öppnas: {e}.") from None
    except OSError as e:
        raise GoalFileError(describe_os_error(e, path)) from None
    if len(header) < PAGE_HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        raise NotAGoalFileError(f"{path} är ingen Styrkort-fil (filen är tom, avkortad eller av annat slag).")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise NotAGoalFileError(f"{path} är en SQLite-databas men ingen Styrkort-fil.")
    expected_size = int.from_bytes(header[28:32], "big") * _page_size(header)
    if expected_size and size < expected_size:
        raise CorruptFileError(f"{path} är avkortad: filen är mindre än databasen säger att den ska vara.")


def _page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with our settings; `readonly` opens the file itself read-only."""
    try:
        if readonly:
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        else:
            # A rollback journal, not WAL: goal files live on network drives and
            # travel as single files, and WAL needs shared memory and a side file.
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as e:
        if is_busy(e):
            raise GoalFileError(describe_sqlite_error(e, path)) from None
        raise CorruptFileError(f"{path} kan inte öppnas: {e}.") from None
    return conn


def is_busy(error: sqlite3.Error) -> bool:
    """Whether another program holds the file locked: the file is busy, not damaged."""
    return _primary_code(error) in ("SQLITE_BUSY", "SQLITE_LOCKED")


def is_environmental(error: sqlite3.Error) -> bool:
    """Whether the error is the file's or the disk's state (locked, read-only, full, out of reach),
    which a user can do something about, rather than a bug."""
    return _primary_code(error) in (
        "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_IOERR",
        "SQLITE_PERM",
    )  # fmt: skip


def _primary_code(error: sqlite3.Error) -> str:
    """SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT and the like."""
    name = getattr(error, "sqlite_errorname", None) or ""
    return "_".join(name.split("_")[:2])


def open_database(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open an existing goal file, migrating it forward if it is older."""
    path = Path(path)
    check_header(path)
    conn = connect(path, readonly=readonly)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerVersionError(
                f"{path} är skapad med en nyare version av Styrkort (schema {version}, "
                f"den här versionen känner till {SCHEMA_VERSION}). Uppdatera Styrkort."
            )
        if version < 1:
            raise NotAGoalFileError(f"{path} saknar Styrkorts tabeller och kan inte öppnas.")
        if version < SCHEMA_VERSION:
            if readonly:
                raise GoalFileError(
                    f"{path} är skapad med en äldre version av Styrkort och måste uppgraderas, "
                    "men den är öppnad skrivskyddat."
                )
            backup = backup_path(path, version)
            backup_to(conn, backup)
            migrate(conn, version)
    except sqlite3.DatabaseError as e:
        conn.close()
        if is_busy(e):
            raise GoalFileError(describe_sqlite_error(e, path)) from None
        raise CorruptFileError(f"{path} är skadad och kan inte läsas ({e}).") from None
    except BaseException:
        conn.close()
        raise
    return conn


def create_database(path: Path) -> sqlite3.Connection:
    """A new, empty goal file at the latest schema. Refuses to overwrite."""
    path = Path(path)
    if path.exists():
        raise GoalFileError(f"{path} finns redan; välj ett annat filnamn.")
    try:
        conn = connect(path)
    except GoalFileError:
        raise
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, 0)
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection):
    """One transaction, or a savepoint inside one: the same rule as sqlite-utils' `atomic()`,
    so the two nest in either order."""
    if conn.in_transaction:
        savepoint = f"styrkort_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:  # also a COMMIT that fails (disk full): nothing is kept
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    """Apply the missing schema steps, all in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in STEPS[from_version:to_version]:
            for statement in step.split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {to_version}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.schema{version}-{stamp}.bak")


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API, verified before use."""
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # no right to write: an OSError
        with sqlite3.connect(target) as copy:
            conn.backup(copy)
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise CorruptFileError(f"Säkerhetskopian {target} blev felaktig; inget har ändrats.")
        copy.close()
    except OSError as e:
        raise GoalFileError(describe_os_error(e, target)) from None
    except sqlite3.OperationalError as e:
        raise GoalFileError(f"Säkerhetskopian {target} kunde inte skrivas ({e}); inget har ändrats.") from None
