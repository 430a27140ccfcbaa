"""What the build makes besides the bundle: icons, the Windows version resource, the Linux desktop files.

Fast: no PyInstaller here (tests/test_bundle.py builds the real thing).
"""

import configparser
import functools
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from db.connection import FILE_SUFFIX
from db.schema import APPLICATION_ID
from desktop import identity

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


@pytest.fixture(scope="module")
def packaging_modules():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bygg
        import ikoner

        yield bygg, ikoner
    finally:
        sys.path.remove(str(ROOT / "packaging"))


@pytest.fixture(scope="module")
def icons(packaging_modules, tmp_path_factory):
    _, ikoner = packaging_modules
    return ikoner.make_icons(ROOT / "resurser" / "styrkort.svg", tmp_path_factory.mktemp("ikoner"))


def test_every_png_size_is_drawn_from_the_svg(icons, qapp):
    from PySide6.QtGui import QImage

    pngs, _ = icons
    assert sorted(pngs) == [16, 24, 32, 48, 64, 128, 256]
    for size, path in pngs.items():
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0  # transparent corners: the card is rounded
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_the_ico_holds_each_windows_size_as_png(icons, packaging_modules):
    _, ikoner = packaging_modules
    _, ico = icons
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(ikoner.ICO_SIZES))
    sizes = []
    for i in range(count):
        width, height, _c, _r, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        assert (planes, bits) == (1, 32) and width == height
        sizes.append(width or 256)
    assert sizes == list(ikoner.ICO_SIZES)


VERSION_INFO_CLASSES = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
                        "VarStruct")  # fmt: skip


class Call:
    """Stands in for PyInstaller's version-info classes: the file is Python calls, as PyInstaller evaluates it."""

    def __init__(self, name, *args, **kwargs):
        self.name, self.args, self.kwargs = name, args, kwargs


def test_windows_version_resource_carries_the_one_version(packaging_modules):
    bygg, _ = packaging_modules
    info = eval(bygg.windows_version_info("1.4.2"), {n: functools.partial(Call, n) for n in VERSION_INFO_CLASSES})
    fixed = info.kwargs["ffi"].kwargs
    assert fixed["filevers"] == fixed["prodvers"] == (1, 4, 2, 0)
    string_file_info, var_file_info = info.kwargs["kids"]
    table = string_file_info.args[0][0]
    strings = dict(entry.args for entry in table.args[1])
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.4.2"
    assert strings["ProductName"] == strings["FileDescription"] == identity.APP_NAME  # Task Manager shows the latter
    assert strings["CompanyName"] == identity.ORGANISATION
    assert table.args[0] == "041D04B0" and var_file_info.args[0][0].args == ("Translation", [0x041D, 1200])


def test_the_build_uses_the_one_version(packaging_modules):
    bygg, _ = packaging_modules
    assert f"StringStruct('ProductVersion', {identity.version()!r})" in bygg.windows_version_info(identity.version())


def test_mime_type_matches_the_extension_and_the_file_header():
    mime_type = ET.parse(LINUX / "styrkort.xml").getroot().find(f"{MIME}mime-type")
    assert mime_type.get("type") == "application/x-styrkort"
    assert mime_type.find(f"{MIME}glob").get("pattern") == "*" + FILE_SUFFIX
    assert mime_type.find(f"{MIME}sub-class-of").get("type") == "application/vnd.sqlite3"
    inner = mime_type.find(f"{MIME}magic/{MIME}match/{MIME}match")
    assert (inner.get("type"), inner.get("offset"), int(inner.get("value"), 16)) == ("big32", "68", APPLICATION_ID)


def test_desktop_entry_opens_the_file_type(packaging_modules):
    bygg, _ = packaging_modules
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "styrkort.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == identity.APP_NAME and desktop["Icon"] == bygg.ICON_NAME
    assert desktop["MimeType"] == "application/x-styrkort;"
    assert desktop["Exec"].endswith(" %f")  # the double-clicked file is passed on
    if validator := shutil.which("desktop-file-validate"):
        result = subprocess.run([validator, str(LINUX / "styrkort.desktop")], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


@pytest.fixture
def installed(packaging_modules, icons, tmp_path):
    """The Linux files laid out beside a stand-in program, then installera.sh run in a fresh home."""
    bygg, _ = packaging_modules
    bundle, home = tmp_path / "styrkort", tmp_path / "hem"
    bundle.mkdir()
    home.mkdir()
    bygg.add_linux_desktop_files(bundle, icons[0])
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    result = subprocess.run(["sh", str(bundle / "installera.sh")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return bundle, home / ".local" / "share"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="installera.sh is for Linux")
def test_installer_registers_menu_entry_and_icon_for_the_user(installed):
    bundle, share = installed
    desktop = (share / "applications" / "styrkort.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle / "styrkort"}" %f' in desktop.splitlines()
    assert (share / "mime" / "packages" / "styrkort.xml").is_file()
    for size in (16, 48, 256):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "styrkort.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "styrkort.svg").is_file()


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="needs shared-mime-info")
def test_after_installing_a_styrkort_file_is_known_by_name_and_by_content(installed, tmp_path, example_path):
    """Qt reads the same MIME database as the file managers; a Styrkort file named .sqlite is ours too."""
    _, share = installed
    shutil.copyfile(example_path, tmp_path / "a.styrkort")
    shutil.copyfile(example_path, tmp_path / "b.sqlite")
    import sqlite3

    sqlite3.connect(tmp_path / "annan.sqlite").execute("CREATE TABLE t (x)").connection.close()
    code = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\n"
        "for name in sys.argv[1:]: print(QMimeDatabase().mimeTypeForFile(name).name())\n"
    )
    env = {"HOME": str(share.parent.parent), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    files = [str(tmp_path / n) for n in ("a.styrkort", "b.sqlite", "annan.sqlite", "ny.styrkort")]
    result = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "application/x-styrkort", "application/x-styrkort", "application/vnd.sqlite3", "application/x-styrkort",
    ]  # fmt: skip
