"""Settings of the window, on QSettings in INI format; every key declared once with type and default.

GUI layer. ``prefs/…`` keys are the user's choices, ``state/…`` keys remember geometry and
recent files. The autosave folder and the crash log live beside the settings file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "nianbao"
APPLICATION = "nianbao"
MAX_RECENT = 10
MAX_INDEX = 100


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: object


RECENT_FILES = Key("state/recent_files", list, [])
GEOMETRY = Key("state/geometry", QByteArray, QByteArray())
MAIN_SPLITTER = Key("state/main_splitter", QByteArray, QByteArray())
TOP_SPLITTER = Key("state/top_splitter", QByteArray, QByteArray())
LAST_FOLDER = Key("state/last_folder", str, "")
FINDINGS_FILTER = Key("prefs/findings_filter", int, 0)
TEMPLATE = Key("prefs/template", str, "")  # an office's own template for the corrected report; "" = standard
REVIEWER = Key("prefs/reviewer", str, "")  # the name a decision is recorded under
FINDINGS_STATUS = Key("prefs/findings_status", int, 0)  # the findings list's decision filter


def store() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def get(key: Key):
    """The key's value, or its default where the settings file holds something else: a settings
    file edited by hand or damaged must never stop the program from starting."""
    try:
        value = store().value(key.name, key.default, type=key.type)
    except (TypeError, ValueError, OverflowError):
        return key.default
    if value is None or not isinstance(value, key.type):
        return key.default
    if key.type is int and not 0 <= value <= MAX_INDEX:  # every int setting is a small index
        return key.default
    if key.type is list and not all(isinstance(v, str) for v in value):
        return key.default
    return value


def put(key: Key, value) -> None:
    s = store()
    s.setValue(key.name, value)
    s.sync()


def data_dir() -> Path:
    """The folder that holds the settings file; autosaves and the crash log go beside it."""
    folder = Path(store().fileName()).parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def crash_log() -> Path:
    return data_dir() / "crash.log"


def add_recent(path: str, folder: str | None = None) -> list[str]:
    """Put ``path`` first in the recent files (and ``folder`` as the last folder), in one write."""
    recent = [p for p in get(RECENT_FILES) if p != path]
    recent.insert(0, path)
    del recent[MAX_RECENT:]
    s = store()
    s.setValue(RECENT_FILES.name, recent)
    if folder is not None:
        s.setValue(LAST_FOLDER.name, folder)
    s.sync()
    return recent
