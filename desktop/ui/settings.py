"""Where the window keeps its own state: geometry, splitter, recent files, and per file the
filters, the search and the selected row.

Domain data never goes here; it lives in the goal file. The settings live
where the platform keeps them (the registry on Windows, ~/.config on Linux);
when STYRKORT_DATA points at a folder (tests, a portable install on a USB
stick) they live there as an ini file, so nothing touches the real home folder.
The view of a file is keyed by its resolved path: a unit file and its central
file share a file id but are different workspaces.
"""

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.identity import APP_NAME, ORGANISATION
from desktop.paths import data_override

RECENT_LIMIT = 8


def app_settings() -> QSettings:
    if folder := data_override():
        return QSettings(str(folder / "installningar.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APP_NAME)


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or []]


def remember_file(settings: QSettings, path: str) -> None:
    files = [path] + [f for f in recent_files(settings) if f != path]
    settings.setValue("recent_files", files[:RECENT_LIMIT])
    settings.setValue("last_file", path)


def load_view(settings: QSettings, path: Path) -> dict:
    """What the window showed of this file last time: {"filters": {…}, "selected": id}; {} if nothing
    (or something unreadable: a view is a convenience, never a reason to fail)."""
    try:
        view = json.loads(str(settings.value(_view_key(path), "") or "{}"))
    except ValueError:
        return {}
    return view if isinstance(view, dict) else {}


def save_view(settings: QSettings, path: Path, view: dict) -> None:
    settings.setValue(_view_key(path), json.dumps(view, ensure_ascii=False))


def _view_key(path: Path) -> str:
    return "views/" + hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:20]
