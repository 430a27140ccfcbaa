"""Name, organisation and version come from one place and reach settings, About box and PDF."""

import subprocess
import sys
import tomllib
from pathlib import Path

from pypdf import PdfReader

from desktop import identity

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_version_is_the_one_in_pyproject():
    assert identity.version() == pyproject_version()
    assert identity.name_and_version() == f"Styrkort {pyproject_version()}"


def test_installed_metadata_gives_the_version_where_pyproject_is_absent(monkeypatch, tmp_path):
    """As in the bundle, which carries the package metadata but not pyproject.toml."""
    from importlib import metadata

    monkeypatch.setattr(identity, "_PYPROJECT", tmp_path / "saknas.toml")
    identity.version.cache_clear()
    try:
        assert identity.version() == metadata.version("styrkort") == pyproject_version()
    finally:
        identity.version.cache_clear()


def test_the_report_names_its_creator_with_the_version(example_path, tmp_path):
    from desktop.report import build_report

    out = tmp_path / "r.pdf"
    build_report(example_path, out, perspective="Medarbetare")
    assert PdfReader(out).metadata["/Creator"] == f"Styrkort {pyproject_version()}"


def test_the_about_box_shows_the_version(make_window, messages):
    window = make_window()
    window.help_menu.actions()[-1].trigger()  # Om Styrkort
    assert messages.texts[-1].startswith(f"Styrkort {pyproject_version()}\n\n")


def test_settings_live_where_the_platform_keeps_them(tmp_path):
    """Without STYRKORT_DATA: QSettings under the one organisation and name (~/.config on Linux)."""
    code = (
        "from PySide6.QtCore import QSettings\n"
        "from desktop.ui.settings import app_settings\n"
        "s = app_settings(); print(s.fileName()); print(s.format() == QSettings.Format.NativeFormat)\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    file_name, native = result.stdout.split()
    if sys.platform.startswith("linux"):
        assert file_name == str(tmp_path / ".config" / "Styrkort" / "Styrkort.conf")
    assert native == "True"


def test_window_icon_is_the_svg_in_resurser(qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from desktop.paths import ICON_FILE, resource_path

    icon = QIcon(str(resource_path(ICON_FILE)))
    pixmap = icon.pixmap(QSize(32, 32))
    assert not pixmap.isNull() and pixmap.width() == 32
    image = pixmap.toImage()
    # The green bar of the mark (the fulfilment colour #2e7d32) is drawn, not a blank square.
    assert any(image.pixelColor(x, y).name() == "#2e7d32" for x in range(32) for y in range(32))
