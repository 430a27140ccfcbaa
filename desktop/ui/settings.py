"""Where the window keeps its own state (geometry, splitter, recent files).

Domain data never goes here; it lives in the goal file. When STYRKORT_DATA
points at a folder (tests, a portable install on a USB stick) the settings
live there as an ini file too, so nothing touches the real home folder.
"""

import os

from PySide6.QtCore import QSettings

from desktop.paths import APP_NAME, user_data_dir

RECENT_LIMIT = 8


def app_settings() -> QSettings:
    if os.environ.get("STYRKORT_DATA"):
        return QSettings(str(user_data_dir() / "installningar.ini"), QSettings.Format.IniFormat)
    return QSettings(APP_NAME, APP_NAME)


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or []]


def remember_file(settings: QSettings, path: str) -> None:
    files = [path] + [f for f in recent_files(settings) if f != path]
    settings.setValue("recent_files", files[:RECENT_LIMIT])
    settings.setValue("last_file", path)
