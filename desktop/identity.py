"""Who the application is: its name, organisation and version, said once.

QSettings and QStandardPaths (through the QApplication), the About box, the
PDF's metadata and the bundle's Windows version resource all read this
module. No Qt here, and nothing is read at import: the version is looked up
on first use, so a start that never shows it never pays for it.
"""

import functools
from pathlib import Path

APP_NAME = "Styrkort"
ORGANISATION = "Styrkort"  # QSettings' and QStandardPaths' folder; changing it loses every user's settings
DISTRIBUTION = "styrkort"  # the name in pyproject.toml
UNKNOWN_VERSION = "okänd version"

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@functools.cache
def version() -> str:
    """The version in pyproject.toml: read from it in a source checkout (true even before a
    reinstall), else from the installed package's metadata, which the bundle carries too."""
    import tomllib

    try:
        return tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    from importlib import metadata  # 30 ms to import: only where there is no pyproject.toml (the bundle)

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN_VERSION


def name_and_version() -> str:
    """'Styrkort 0.1.0': the PDF's creator, the About box's heading."""
    return f"{APP_NAME} {version()}"
