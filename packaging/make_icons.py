"""Generate the application icon's PNG sizes, ``.ico`` and ``.icns`` from its SVG source.

Run from the repository root after editing ``resources/icons/sre-workshop.svg``::

    .venv/bin/python packaging/make_icons.py

Qt's SVG renderer (PySide6, already a dependency) draws the SVG once at 1024 px; Pillow
(installed with matplotlib) scales it down for each size and writes the Windows ``.ico`` and the
macOS ``.icns``. The generated files are committed, so a build never needs this script.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "sre-workshop.svg"
#: The PNG sizes shipped in resources/icons/ (freedesktop's hicolor sizes up to 512).
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MASTER_SIZE = 1024


def png_name(size: int) -> str:
    return f"sre-workshop-{size}.png"


def render_master(svg: Path, size: int = MASTER_SIZE) -> bytes:
    """The SVG drawn by Qt at ``size`` x ``size`` pixels on a transparent background, as PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    from PIL import Image

    master = Image.open(io.BytesIO(render_master(SOURCE))).convert("RGBA")
    # Scale with premultiplied alpha, so the transparent corners do not darken the edges.
    premultiplied = master.convert("RGBa")

    def scaled(size: int) -> Image.Image:
        if size == MASTER_SIZE:
            return master
        return premultiplied.resize((size, size), Image.Resampling.LANCZOS).convert("RGBA")

    images = {size: scaled(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, MASTER_SIZE})}
    for size in PNG_SIZES:
        images[size].save(ICONS / png_name(size), "PNG", optimize=True)
    images[256].save(
        ICONS / "sre-workshop.ico",
        "ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES],
    )
    images[MASTER_SIZE].save(
        ICONS / "sre-workshop.icns",
        "ICNS",
        append_images=[images[size] for size in (32, 64, 128, 256, 512)],
    )
    written = [png_name(size) for size in PNG_SIZES] + ["sre-workshop.ico", "sre-workshop.icns"]
    print(f"wrote {len(written)} files to {ICONS.relative_to(ROOT)}: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
