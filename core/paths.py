"""Locating bundled resources, from source and from the frozen (PyInstaller) build.

Core layer. Everything under ``resources/`` is found through :func:`resource`, so the same code
works in a checkout, in an installed wheel, and in the onedir executable.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys._MEIPASS) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
