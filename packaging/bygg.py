"""Builds Styrkort as a program in one folder: `python packaging/bygg.py` → dist/styrkort/.

1. From resurser/styrkort.svg the icon sizes and styrkort.ico; from the one
   version (desktop/identity.py, i.e. pyproject.toml) the Windows version
   resource. These go to the work folder, never into the repository.
2. PyInstaller with packaging/styrkort.spec: the program, resurser/, the
   Swedish Qt translation and only the Qt parts the app uses.
3. On Linux, beside the program: share/ (menu entry, file type, icons in
   the hicolor layout) and installera.sh, which registers them for the user.

Prints where the bundle is, its size and how long the build took. Needs the
`paket` extra (`pip install -e ".[paket]"`); never touches the user's files.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import ikoner  # noqa: E402  (beside this script)

from desktop.identity import APP_NAME, ORGANISATION, version  # noqa: E402
from desktop.paths import ICON_FILE  # noqa: E402

LINUX = HERE / "linux"
ICON_NAME = "styrkort"  # the name the .desktop file and the MIME type ask the icon theme for


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bygg.py", description="Bygger Styrkort som ett program i en mapp.")
    parser.add_argument("--ut", type=Path, default=ROOT / "dist", help="mappen där programmappen hamnar (dist/)")
    parser.add_argument("--arbetsmapp", type=Path, default=ROOT / "build" / "paket", help="mellanfiler (build/paket/)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    generated = args.arbetsmapp / "genererat"
    pngs, _ico = ikoner.make_icons(ROOT / "resurser" / ICON_FILE, generated)
    (generated / "versionsinfo.txt").write_text(windows_version_info(version()), encoding="utf-8")

    pyinstaller = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(args.ut), "--workpath", str(args.arbetsmapp),
        str(HERE / "styrkort.spec"), "--", "--genererat", str(generated),
    ]  # fmt: skip
    if subprocess.run(pyinstaller).returncode != 0:
        print("bygg.py: PyInstaller misslyckades; se meddelandena ovan.", file=sys.stderr)
        return 1
    bundle = args.ut / "styrkort"
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(bundle, pngs)

    program = bundle / ("styrkort.exe" if sys.platform == "win32" else "styrkort")
    print(f"Klart på {time.monotonic() - started:.0f} s: {program} ({bundle_size(bundle) / 1e6:.0f} MB)")
    return 0


def windows_version_info(text: str) -> str:
    """PyInstaller's version-resource file: the Details tab of styrkort.exe, and the
    name Task Manager shows (FileDescription)."""
    release = re.match(r"\d+(\.\d+)*", text)
    if release is None:
        raise SystemExit(f"bygg.py: versionen {text!r} i pyproject.toml börjar inte med siffror.")
    numbers = (*(int(n) for n in release.group().split(".")[:4]), 0, 0, 0)[:4]
    strings = {
        "CompanyName": ORGANISATION, "FileDescription": APP_NAME, "FileVersion": text,
        "InternalName": "styrkort", "OriginalFilename": "styrkort.exe",
        "ProductName": APP_NAME, "ProductVersion": text,
    }  # fmt: skip
    table = ",\n".join(f"        StringStruct({key!r}, {value!r})" for key, value in strings.items())
    # 041D04B0: Swedish (0x041D), Unicode (1200 = 0x04B0).
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable("041D04B0", [
{table},
    ])]),
    VarFileInfo([VarStruct("Translation", [0x041D, 1200])]),
  ],
)
"""


def add_linux_desktop_files(bundle: Path, pngs: dict[int, Path]) -> None:
    """share/ in the XDG layout, and installera.sh that copies it to ~/.local/share."""
    share = bundle / "share"
    shutil.rmtree(share, ignore_errors=True)
    for folder in ("applications", "mime/packages", "icons/hicolor/scalable/apps"):
        (share / folder).mkdir(parents=True)
    shutil.copy(LINUX / "styrkort.desktop", share / "applications" / "styrkort.desktop")
    shutil.copy(LINUX / "styrkort.xml", share / "mime" / "packages" / "styrkort.xml")
    shutil.copy(ROOT / "resurser" / ICON_FILE, share / "icons/hicolor/scalable/apps" / f"{ICON_NAME}.svg")
    for size, png in pngs.items():
        apps = share / f"icons/hicolor/{size}x{size}/apps"
        apps.mkdir(parents=True)
        shutil.copy(png, apps / f"{ICON_NAME}.png")
    shutil.copy(LINUX / "installera.sh", bundle / "installera.sh")
    os.chmod(bundle / "installera.sh", 0o755)


def bundle_size(folder: Path) -> int:
    """Bytes on disk in the bundle (links counted once, as the files they point to)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


if __name__ == "__main__":
    sys.exit(main())
