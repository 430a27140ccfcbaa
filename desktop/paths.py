"""Where things are: the shipped resources and the user's Documents folder.

No Qt here, so the command line and the report can use it too; the GUI finds
its settings and log places through QStandardPaths (desktop/ui). Nothing is
ever written beside the program: a bundle may sit in a folder the user
cannot write to. STYRKORT_DATA (tests, a portable install on a USB stick)
puts everything — example, settings, log — in one folder of its choice.
"""

import os
import sys
from pathlib import Path

from db.connection import FILE_SUFFIX
from desktop.identity import APP_NAME

EXAMPLE_TEMPLATE = "norrbotten-2022.json"
EXAMPLE_FILE = "exempel-norrbotten-2022" + FILE_SUFFIX
# The templates that ship with Styrkort: name (as `ny --mall` takes it) → (file in resurser/, what it is).
BUILT_IN_TEMPLATES = {
    "norrbotten-2022": (EXAMPLE_TEMPLATE, "Region Norrbotten 2022: fyra nivåer, med utfall per augusti (exempel)"),
    "malomraden": ("mall-malomraden.json",
                   "Tom mall: målområde → övergripande mål → nyckeltal och uppdrag, bedömning i fem steg"),
}  # fmt: skip
ICON_FILE = "styrkort.svg"  # the source of every icon size the bundle carries (packaging/)


def resource_path(*parts: str) -> Path:
    """A file under resurser/: beside the code, or in a PyInstaller bundle (sys._MEIPASS,
    which is the bundle's `_internal/` folder in a one-folder build)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resurser", *parts)


def template_path(name_or_path) -> Path:
    """A built-in template by its name ('malomraden'), or a template file's path."""
    found = BUILT_IN_TEMPLATES.get(str(name_or_path))
    return resource_path(found[0]) if found else Path(name_or_path)


def data_override() -> Path | None:
    """The folder STYRKORT_DATA names, which takes the place of every folder below."""
    override = os.environ.get("STYRKORT_DATA")
    return Path(override) if override else None


def documents_folder() -> Path:
    """<Documents>/Styrkort: the example, unit files and reports (e.g. Dokument/Styrkort)."""
    return data_override() or user_documents_dir() / APP_NAME


def user_documents_dir() -> Path:
    """The user's Documents folder, found as Qt's QStandardPaths finds it."""
    if sys.platform == "win32":
        return _windows_documents()
    if sys.platform == "darwin":
        return Path.home() / "Documents"
    return _xdg_documents()


def _xdg_documents() -> Path:
    """XDG_DOCUMENTS_DIR from ~/.config/user-dirs.dirs (localised, e.g. ~/Dokument), else ~/Documents."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    try:
        lines = (config / "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "XDG_DOCUMENTS_DIR":
            value = value.strip().strip('"')
            if value.startswith("$HOME"):
                return Path(str(Path.home()) + value.removeprefix("$HOME"))
            if value.startswith("/"):
                return Path(value)
    return Path.home() / "Documents"


def _windows_documents() -> Path:
    """The Documents known folder, wherever policy put it (often redirected to OneDrive)."""
    if sys.platform != "win32":  # says so to the type checker too: what follows is Windows-only
        return Path.home() / "Documents"
    import ctypes
    import uuid

    folder_id = ctypes.create_string_buffer(uuid.UUID("FDD39AD0-238F-46AF-ADB4-6C85480369C7").bytes_le)
    found = ctypes.c_wchar_p()
    if ctypes.windll.shell32.SHGetKnownFolderPath(folder_id, 0, None, ctypes.byref(found)) != 0:
        return Path.home() / "Documents"
    try:
        return Path(found.value or Path.home() / "Documents")
    finally:
        ctypes.windll.ole32.CoTaskMemFree(found)


def example_file() -> Path:
    """The built-in example goal file, created from the template on first use."""
    from db.new_file import create_from_template
    from db.template import load_template

    path = documents_folder() / EXAMPLE_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".skapas")
        partial.unlink(missing_ok=True)
        create_from_template(partial, load_template(resource_path(EXAMPLE_TEMPLATE))).close()
        partial.replace(path)  # never leave a half-made example behind
    return path
