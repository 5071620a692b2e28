"""Keeping a review's edits on disk as they are made, so that a crash loses nothing.

Core layer. One small JSON file per draft, named by the draft's SHA-256 (so a renamed or moved
copy of the same draft finds its edits, and a changed draft does not get stale ones). Written to
a temporary file and renamed into place (:func:`core.outputs.write_output`), so a crash of the
program mid-write leaves the previous version. No fsync: it would cost an edit 20 ms, and the
rename is already atomic for a crashed program; a file damaged by a power cut reads as "nothing
saved", never as an error. A folder that cannot be written or a full disk raises
:class:`core.outputs.OutputError` and leaves no temporary file. The window chooses the folder
(beside its settings).
"""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

from core.outputs import OutputError, disk_message, write_output


def _try_lock(fh) -> bool:
    """Take an exclusive lock on an open file without waiting; False when another holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _when(value) -> float | None:
    try:
        when = float(value)
    except (TypeError, ValueError):
        return None
    return when if math.isfinite(when) and 0 < when < 32_503_680_000 else None  # NaN, inf, year 3000


class AutosaveStore:
    """The autosave of one running window (an *owner*): its file is ``<sha256>.<owner>.json``,
    and it holds ``<owner>.lock`` locked while it runs. Two windows on one draft (two program
    instances) each keep their own file, and neither deletes the other's while it runs: what
    another owner saved is offered back (merged, newest last) and discarded only once that owner
    is gone (its lock free — a crash) and the user declined it or took it over."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.owner = f"{os.getpid()}-{os.urandom(4).hex()}"  # as uuid4().hex[:8], without uuid's imports
        self._lock = None

    def _file(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.{self.owner}.json"

    def _hold_lock(self) -> None:
        if self._lock is None:
            try:
                fh = open(self.folder / f"{self.owner}.lock", "a+b")  # noqa: SIM115 (held while the window runs)
            except OSError:
                return
            if _try_lock(fh):
                self._lock = fh
            else:
                fh.close()

    def _alive(self, owner: str) -> bool:
        if owner == self.owner:
            return True
        lock = self.folder / f"{owner}.lock"
        try:
            fh = open(lock, "a+b")  # noqa: SIM115
        except OSError:
            return False
        with fh:
            if not _try_lock(fh):
                return True
        try:
            lock.unlink()
        except OSError:
            pass
        return False

    def _saved(self, sha256: str) -> list[tuple[float, Path, dict]]:
        """Every autosave of this draft, oldest first: (saved_at, file, payload)."""
        found = []
        for file in self.folder.glob(f"{sha256}*.json"):
            try:
                payload = json.loads(file.read_text(encoding="utf-8"))
                edits = payload["edits"]
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if isinstance(edits, dict) and edits:
                found.append((_when(payload.get("saved_at")) or 0.0, file, payload))
        return sorted(found, key=lambda item: item[0])

    def _owner_of(self, file: Path, sha256: str) -> str | None:
        middle = file.name[len(sha256) : -len(".json")]
        return middle[1:] if middle.startswith(".") else None  # None: a file of an earlier version

    def save(self, sha256: str, source: str | Path, edits: dict[str, str | None]) -> None:
        if not edits:
            self.discard(sha256)
            return
        target = self._file(sha256)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(disk_message(target, err)) from None
        self._hold_lock()
        payload = {"source": str(source), "sha256": sha256, "saved_at": time.time(), "edits": edits}
        text = json.dumps(payload, ensure_ascii=False)
        write_output(target, text.encode("utf-8"), inputs=[source], durable=False)
        self._discard_gone(sha256)  # what a crashed window left is in these edits now, or declined

    def load(self, sha256: str) -> dict[str, str | None] | None:
        merged: dict[str, str | None] = {}
        for _, _, payload in self._saved(sha256):
            merged.update({str(k): (None if v is None else str(v)) for k, v in payload["edits"].items()})
        return merged or None

    def saved_at(self, sha256: str) -> float | None:
        saved = self._saved(sha256)
        return _when(saved[-1][0]) if saved else None

    def _discard_gone(self, sha256: str) -> None:
        for _, file, _ in self._saved(sha256):
            owner = self._owner_of(file, sha256)
            if file != self._file(sha256) and (owner is None or not self._alive(owner)):
                try:
                    file.unlink()
                except OSError:
                    pass

    def discard(self, sha256: str) -> None:
        """Forget this window's edits of the draft, and what windows now gone left of it; a
        window that still runs keeps its own."""
        try:
            self._file(sha256).unlink()
        except OSError:  # not there, or a folder that cannot be written: nothing to discard
            pass
        self._discard_gone(sha256)
