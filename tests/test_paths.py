"""Where things go: Documents/Styrkort for the user's files, never beside the program."""

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths

ROOT = Path(__file__).resolve().parent.parent
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG user folders are Linux's")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of the test's own, with no STYRKORT_DATA."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("STYRKORT_DATA", raising=False)
    return tmp_path


def user_dirs(home: Path, line: str) -> None:
    (home / ".config").mkdir(exist_ok=True)
    (home / ".config" / "user-dirs.dirs").write_text(
        f'# This file is written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/Skrivbord"\n{line}\n', encoding="utf-8"
    )


@linux_only
def test_documents_folder_follows_the_localised_xdg_folder(home):
    user_dirs(home, 'XDG_DOCUMENTS_DIR="$HOME/Dokument"')
    assert paths.documents_folder() == home / "Dokument" / "Styrkort"


@linux_only
def test_documents_folder_may_be_an_absolute_path_or_missing(home):
    user_dirs(home, 'XDG_DOCUMENTS_DIR="/srv/delat/dokument"')
    assert paths.user_documents_dir() == Path("/srv/delat/dokument")
    (home / ".config" / "user-dirs.dirs").unlink()
    assert paths.documents_folder() == home / "Documents" / "Styrkort"


@linux_only
@pytest.mark.parametrize("line", ['XDG_DOCUMENTS_DIR="$HOME/Dokument"', "", 'XDG_DOCUMENTS_DIR="/tmp/annan plats"'])
def test_the_documents_folder_is_the_one_qt_finds(home, line):
    """The CLI (no Qt) and the window's file dialogs (QStandardPaths) agree on the folder."""
    user_dirs(home, line)
    code = (
        "from PySide6.QtCore import QStandardPaths\n"
        "print(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))\n"
    )
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    qt = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert Path(qt.stdout.strip()) == paths.user_documents_dir()


def test_styrkort_data_overrides_every_place(tmp_path, monkeypatch):
    from desktop.ui.app import log_file_path
    from desktop.ui.settings import app_settings

    monkeypatch.setenv("STYRKORT_DATA", str(tmp_path / "portabel"))
    assert paths.documents_folder() == tmp_path / "portabel"
    assert paths.example_file() == tmp_path / "portabel" / "exempel-norrbotten-2022.styrkort"
    assert log_file_path() == tmp_path / "portabel" / "styrkort.log"
    assert Path(app_settings().fileName()) == tmp_path / "portabel" / "installningar.ini"


@linux_only
def test_without_override_the_log_goes_to_the_platform_state_folder(tmp_path):
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.identity import APP_NAME, ORGANISATION\n"
        "from desktop.ui.app import log_file_path\n"
        "QApplication.setOrganizationName(ORGANISATION); QApplication.setApplicationName(APP_NAME)\n"
        "print(log_file_path())\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == tmp_path / ".local" / "state" / "Styrkort" / "Styrkort" / "styrkort.log"


def test_resource_path_inside_a_bundle_is_under_meipass(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.resource_path("fonts", "DejaVuSans.ttf") == tmp_path / "_internal/resurser/fonts/DejaVuSans.ttf"


def test_resource_path_from_source_is_the_repository_folder():
    assert paths.resource_path(paths.ICON_FILE) == ROOT / "resurser" / "styrkort.svg"
    assert paths.resource_path(paths.EXAMPLE_TEMPLATE).is_file()
