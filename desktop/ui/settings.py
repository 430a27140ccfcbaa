"""Where the window keeps its own state (geometry, splitter, recent files).

Domain data never goes here; it lives in the goal file. The settings live
where the platform keeps them (the registry on Windows, ~/.config on Linux);
when STYRKORT_DATA points at a folder (tests, a portable install on a USB
stick) they live there as an ini file, so nothing touches the real home folder.
"""

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
