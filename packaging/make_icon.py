"""Draws the application icon (resources/icons/nianbao.png and .ico) with Qt. Run once; the
files are committed. ``python packaging/make_icon.py``"""

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setBrush(QColor("#c62828"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 10 * s, 10 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(12 * s, 10 * s, 40 * s, 44 * s))
    p.setPen(QPen(QColor("#c62828"), max(1.0, 2 * s)))
    for i in range(4):
        y = (20 + i * 8) * s
        p.drawLine(int(16 * s), int(y), int(48 * s), int(y))
    p.setPen(QPen(QColor("#2e7d32"), max(1.5, 4 * s)))
    p.drawLine(int(30 * s), int(42 * s), int(36 * s), int(48 * s))
    p.drawLine(int(36 * s), int(48 * s), int(50 * s), int(30 * s))
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(out / "nianbao.png"))
    draw(256).scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation).save(
        str(out / "nianbao.ico")
    )
    print(sorted(p.name for p in out.iterdir()))
