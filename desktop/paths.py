"""Where things are: the shipped resources, the user's data folder and their documents.

No Qt here, so the command line and the report can use it too.
"""

import os
import sys
from pathlib import Path

APP_NAME = "Styrkort"
EXAMPLE_TEMPLATE = "norrbotten-2022.json"
EXAMPLE_FILE = "exempel-norrbotten-2022.sqlite"


def resource_path(*parts: str) -> Path:
    """A file under resurser/, also inside a frozen (PyInstaller) build."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resurser", *parts)


def user_data_dir() -> Path:
    """The per-user folder for the example file; STYRKORT_DATA overrides it."""
    if override := os.environ.get("STYRKORT_DATA"):
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_NAME.lower()


def documents_dir() -> Path:
    """<Documents>/Styrkort: where unit files, tables and reports go by default, in the folder a
    user looks in (Dokument/Styrkort), never a hidden one. STYRKORT_DATA overrides it."""
    if override := os.environ.get("STYRKORT_DATA"):
        return Path(override)
    return _user_documents() / APP_NAME


def _user_documents() -> Path:
    """The user's Documents folder; on Linux as XDG names it (localised: ~/Dokument)."""
    if sys.platform.startswith("linux"):
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        try:
            lines = (config / "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        for line in lines:
            key, _, value = line.partition("=")
            value = value.strip().strip('"')
            if key.strip() == "XDG_DOCUMENTS_DIR" and value.startswith("$HOME/"):
                return Path.home() / value.removeprefix("$HOME/")
    return Path.home() / "Documents"


def example_file() -> Path:
    """The built-in example goal file, created from the template on first use."""
    from db.new_file import create_from_template
    from db.template import load_template

    path = user_data_dir() / EXAMPLE_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".skapas")
        partial.unlink(missing_ok=True)
        create_from_template(partial, load_template(resource_path(EXAMPLE_TEMPLATE))).close()
        partial.replace(path)  # never leave a half-made example behind
    return path
