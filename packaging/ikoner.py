"""The app's icon in the sizes the platforms ask for, made from resurser/styrkort.svg.

QtSvg, part of the PySide6-Essentials the app already needs, draws each size;
the .ico is written here as PNG entries, the form Windows has read since
Vista, so the build needs no image library of its own. Build time only: the
running app shows the SVG itself, and never imports this module.
"""

import struct
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the hicolor theme's app sizes (Linux)
ICO_SIZES = (16, 24, 32, 48, 64, 256)  # what Explorer and the taskbar pick from (Windows)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} är ingen giltig SVG-bild.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file: the ICONDIR header, one ICONDIRENTRY per size, then the PNG images."""
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        # width, height (0 means 256), colours, reserved, planes, bits per pixel, bytes, offset
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def make_icons(svg: Path, folder: Path) -> tuple[dict[int, Path], Path]:
    """styrkort-<N>.png for every PNG size and styrkort.ico, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    drawn = {size: render_png(svg, size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    pngs = {size: folder / f"styrkort-{size}.png" for size in PNG_SIZES}
    for size, path in pngs.items():
        path.write_bytes(drawn[size])
    ico_path = folder / "styrkort.ico"
    ico_path.write_bytes(ico({size: drawn[size] for size in ICO_SIZES}))
    return pngs, ico_path
