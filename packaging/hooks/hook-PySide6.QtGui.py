"""PyInstaller's own QtGui hook, less the Qt plugins Styrkort never loads.

PyInstaller collects every plugin type QtGui may use, and with them what they
link: the GTK theme alone brings all of GTK 3, Cairo and Pango (about 20 MB),
the EGL, Wayland and evdev plugins bring Qt's OpenGL, Wayland and Network
libraries. Styrkort is a widgets app drawn in software; it needs a window
system, the SVG icon, native file dialogs and keyboard input. A user hook of
the same name takes the place of PyInstaller's (styrkort.spec names this folder).
"""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folder → the plugins kept (file names without "lib" and extension); a folder not named keeps none.
KEPT_PLUGINS = {
    "platforms": {
        "qwindows",  # Windows
        "qcocoa",  # macOS
        "qxcb",  # Linux on X11, and on Wayland through XWayland
        "qoffscreen",  # headless: the tests, and the start-up benchmark
    },
    "platformthemes": {"qxdgdesktopportal"},  # Linux: native file dialogs through the desktop portal
    # Dead keys (typing å, ä, ö on some layouts) and input methods.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"qsvg"},  # the window icon is an SVG
    "iconengines": {"qsvgicon"},
}

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)


def _kept(source: str, destination: str) -> bool:
    folder = PurePath(destination)
    if "plugins" not in folder.parts:
        return True
    name = PurePath(source).name.split(".")[0].removeprefix("lib")
    return name in KEPT_PLUGINS.get(folder.name, set())


binaries = [(source, destination) for source, destination in binaries if _kept(source, destination)]
