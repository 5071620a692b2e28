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
import time
from pathlib import Path

from core.outputs import OutputError, disk_message, write_output


class AutosaveStore:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _file(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def save(self, sha256: str, source: str | Path, edits: dict[str, str | None]) -> None:
        if not edits:
            self.discard(sha256)
            return
        target = self._file(sha256)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(disk_message(target, err)) from None
        payload = {"source": str(source), "sha256": sha256, "saved_at": time.time(), "edits": edits}
        text = json.dumps(payload, ensure_ascii=False)
        write_output(target, text.encode("utf-8"), inputs=[source], durable=False)

    def load(self, sha256: str) -> dict[str, str | None] | None:
        try:
            payload = json.loads(self._file(sha256).read_text(encoding="utf-8"))
            edits = payload["edits"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(edits, dict) or not edits:
            return None
        return {str(k): (None if v is None else str(v)) for k, v in edits.items()}

    def saved_at(self, sha256: str) -> float | None:
        try:
            return float(json.loads(self._file(sha256).read_text(encoding="utf-8"))["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, sha256: str) -> None:
        try:
            self._file(sha256).unlink()
        except OSError:  # not there, or a folder that cannot be written: nothing to discard
            pass
