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
    as_goal_file_error,
    describe_os_error,
)
from .regular_file import SpecialFileError, open_regular
from .schema import APPLICATION_ID, SCHEMA_VERSION, STEPS

# New goal and unit files get this extension. Any name opens: a file is
# recognised by its header, never by its name (it stays a plain SQLite file).
FILE_SUFFIX = ".styrkort"
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
    except sqlite3.Error as e:
        raise _refusal(e, path) from None
    return conn


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
        if version < SCHEMA_VERSION and readonly:
            upgraded = _upgraded_copy(conn, version)
            conn.close()
            return upgraded
        if version < SCHEMA_VERSION:
            backup = backup_path(path, version)
            backup_to(conn, backup)
            migrate(conn, version)
    except sqlite3.Error as e:
        conn.close()
        raise _refusal(e, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _upgraded_copy(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """An older file opened read-only is read through an upgraded copy in memory: the
    file itself is never touched by a reader."""
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.backup(copy)
    copy.execute("PRAGMA trusted_schema = OFF")
    migrate(copy, version)
    copy.execute("PRAGMA query_only = ON")
    return copy


def _refusal(error: sqlite3.Error, path: Path) -> GoalFileError:
    """An SQLite error on opening, in Swedish: a busy or read-only file is not called damaged."""
    return as_goal_file_error(error, path) or CorruptFileError(f"{path} är skadad och kan inte läsas.")


def create_database(path: Path) -> sqlite3.Connection:
    """A new, empty goal file at the latest schema. Refuses to overwrite."""
    path = Path(path)
    try:  # made here, so that an existing file is never taken and a folder one may not write is named so
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise GoalFileError(f"{path} finns redan; välj ett annat filnamn.") from None
    except OSError as e:
        raise GoalFileError(describe_os_error(e, path)) from None
    conn = None
    try:
        conn = connect(path)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(conn, 0)
    except BaseException:  # a full disk: no half-made file is left with the name
        if conn is not None:
            conn.close()
        path.unlink(missing_ok=True)
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection):
    """The one way to write: `BEGIN IMMEDIATE` (the write lock taken at once, so a write never
    fails half-way on a lock another program took after our reads), or a savepoint inside a
    transaction already open, so that units of work nest. Everything or nothing is kept."""
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
    """Apply the missing schema steps, all in one transaction.

    SQLite's own procedure for reshaping tables: foreign keys off (a step drops and
    rebuilds tables that others point at), everything in one transaction, then
    `foreign_key_check` must find nothing before the commit."""
    conn.execute("PRAGMA foreign_keys = OFF")  # no effect inside a transaction: set before it
    try:
        with transaction(conn):
            for step in STEPS[from_version:to_version]:
                for statement in step:
                    conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = ", ".join(sorted({row[0] for row in broken}))
                raise CorruptFileError(
                    f"Filen kunde inte uppgraderas: {len(broken)} rader pekar på saknade rader ({tables})."
                )
            conn.execute(f"PRAGMA user_version = {to_version}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def backup_path(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.schema{version}-{stamp}.bak")


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API, verified before use."""
    created = False
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # no right to write: an OSError
        created = True
        with contextlib.closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise CorruptFileError(f"Säkerhetskopian {target} blev felaktig; inget har ändrats.")
    except BaseException as e:
        if created:  # half a backup is no backup, and must not lie beside the file
            target.unlink(missing_ok=True)
        failure = as_goal_file_error(e, target) if isinstance(e, OSError | sqlite3.Error) else None
        if failure is None:
            raise
        raise GoalFileError(f"Säkerhetskopian kunde inte skrivas, så inget har ändrats. {failure}") from None
