"""db/ and desktop/report/ never import Qt: the CLI and the report run without it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_storage_and_cli_do_not_load_qt():
    modules = [p.stem for p in (ROOT / "db").glob("*.py")]
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module('db.' + name)\n"
        "import desktop.cli, desktop.paths, desktop.symbols\n"
        "import importlib.util\n"
        "if importlib.util.find_spec('desktop.report'): import desktop.report\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
