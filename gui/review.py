"""The review in progress: the core session, its undo stack and its autosave, as Qt signals.

GUI layer. Edits are QUndoCommands that change plain core data through :class:`core.session.Session`;
after every change the edits are written to the autosave, so a crash loses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.autosave import AutosaveStore
from core.cell_id import is_cell_id
from core.decisions import DecisionSet, DecisionStore
from core.diagnose import Diagnosis
from core.outputs import OutputError
from core.rules import Finding
from core.schema import cell_labels

if TYPE_CHECKING:
    from core.session import Session  # the readers and the rules: imported by the first open


def describe_edit(cell_id: str, old: str | None, new: str | None) -> str:
    """表四“行政复议”总计 3→4 — an edit as the undo menu and the toolbar's tooltip name it."""
    table, row, col = cell_labels(cell_id)
    return f"{table}“{row}”{col} {(old or '').strip() or '空白'}→{(new or '').strip() or '空白'}"


class EditCommand(QUndoCommand):
    """Set some cells' text; undo puts the previous text back. Without a text of its own, a
    one-cell edit is named by :func:`describe_edit`."""

    def __init__(self, review: Review, changes: dict[str, str | None], text: str = ""):
        super().__init__()
        self.review = review
        self.new = dict(changes)
        self.old = {cell_id: review.session.raw(cell_id) for cell_id in changes}
        if len(self.new) == 1 and (not text or text == "以分项为准重算总计"):
            (cell_id, value), *_ = self.new.items()
            text = (f"{text}：" if text else "") + describe_edit(cell_id, self.old[cell_id], value)
        self.setText(text or f"修改 {len(self.new)} 个单元格")

    def redo(self) -> None:
        self.review.apply(self.new)

    def undo(self) -> None:
        self.review.apply(self.old)


class Review(QObject):
    loaded = Signal()  # a report was opened or closed
    cells_changed = Signal(object)  # set of cell ids whose value or finding state changed
    findings_changed = Signal()
    edits_changed = Signal(int)  # how many cells differ from the draft
    autosave_failed = Signal(str)  # the autosave could not be written (once, until it works again)
    decisions_changed = Signal()  # a finding was confirmed, dismissed or restored
    decisions_unsaved = Signal(str)  # the decisions could not be written beside the autosave: why

    def __init__(self, autosave: AutosaveStore, parent: QObject | None = None):
        super().__init__(parent)
        self.autosave = autosave
        self.decision_store = DecisionStore(autosave.folder)  # beside the autosave, same key
        self.decisions_carried = False  # the decisions came from an earlier version of the draft
        self.session: Session | None = None
        self.previous_path: Path | None = None
        self.autosave_error: str | None = None  # why the last autosave failed; None when it worked
        self.overrides: list[str] = []  # the last recomputation's notes where it overrode a diagnosis
        self.exported: dict[str, str | None] | None = None  # the edits last exported
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._save)

    # -- opening and closing -------------------------------------------------------------------
    def open(self, path: str | Path) -> Session:
        """Read a draft (raises core.errors.ReadError) and make it the current review, in this
        thread (the window reads in the background, :mod:`gui.opening`, then adopts)."""
        from core.session import Session

        return self.adopt(Session.open(path))

    def adopt(self, session: Session) -> Session:
        """Make a session read elsewhere (:mod:`gui.opening`) the current review."""
        self.undo_stack.clear()
        self.session = session
        self.previous_path = None
        recorded, self.decisions_carried = self.decision_store.load_for(session.sha256, session.path)
        if recorded is not None:
            session.set_decisions(recorded)
            if self.decisions_carried:  # keep them under this version's key from now on
                self._save_decisions()
        self.exported = None
        self.loaded.emit()
        self.findings_changed.emit()
        self.edits_changed.emit(0)
        return session

    def saved_edits(self) -> dict[str, str | None] | None:
        return self.autosave.load(self.session.sha256) if self.session else None

    def restore(self, edits: dict[str, str | None]) -> None:
        """Put autosaved edits back as one undoable step (they stay edits against the draft)."""
        known = {k: v for k, v in edits.items() if is_cell_id(k)}  # a key naming no cell is left out
        self.edit(known, f"恢复自动保存的 {len(known)} 处修改")
        self._save()

    def mark_exported(self) -> None:
        """The edits as they are now went into a corrected report."""
        self.exported = dict(self.session.edits()) if self.session else None
        self.edits_changed.emit(len(self.exported or {}))

    def unexported_count(self) -> int:
        """How many cells differ from what was last exported (from the draft, if nothing was)."""
        edits = self.session.edits() if self.session else {}
        done = self.exported or {}
        missing = object()
        return sum(1 for k in edits.keys() | done.keys() if edits.get(k, missing) != done.get(k, missing))

    def load_previous(self, path: str | Path) -> None:
        """Check against last year's report (raises core.errors.ReadError if it cannot be read)."""
        from core.check import read_report

        self.set_previous(path, read_report(path))

    def set_previous(self, path: str | Path, previous) -> None:
        """Check against last year's report, read elsewhere (:mod:`gui.opening`)."""
        self.previous_path = Path(path)
        self.cells_changed.emit(self.session.set_previous(previous))
        self.findings_changed.emit()

    def close(self) -> None:
        self.undo_stack.clear()
        self.session = None
        self.exported = None
        self.loaded.emit()
        self.findings_changed.emit()
        self.edits_changed.emit(0)

    def discard_saved(self) -> None:
        if self.session:
            self.autosave.discard(self.session.sha256)

    # -- editing -------------------------------------------------------------------------------
    def edit(self, changes: dict[str, str | None], text: str) -> bool:
        if self.session is None:
            return False
        changes = {k: v for k, v in changes.items() if self.session.raw(k) != v}
        if not changes:
            return False
        self.undo_stack.push(EditCommand(self, changes, text))
        return True

    def apply(self, changes: dict[str, str | None]) -> None:
        changed = self.session.set_cells(changes)
        self.cells_changed.emit(changed)
        self.findings_changed.emit()

    def recompute_all(self) -> int:
        if self.session is None:
            return 0
        from core.regenerate import override_notes  # python-docx and jinja2: not at the window's start
        from core.session import recompute_totals

        changes = recompute_totals(self.session.report)
        self.overrides = override_notes(self.session.diagnoses, changes)  # what the window says
        self.edit(changes, f"以分项为准重算 {len(changes)} 个总计")
        return len(changes)

    def apply_suggestion(self, diagnosis: Diagnosis) -> bool:
        """「采用建议」: set the cells a unique diagnosis names to its proposed values (undoable)."""
        changes = diagnosis.fix
        if not changes:
            return False
        named = "，".join(describe_edit(cell_id, self.session.raw(cell_id), text) for cell_id, text in changes.items())
        return self.edit(changes, f"采用建议：{named}")

    def suggestion_for(self, cell_id: str | None) -> Diagnosis | None:
        """The unique diagnosis that proposes a value for this cell, if there is one."""
        if self.session is None or cell_id is None:
            return None
        return next((d for d in self.session.diagnoses if d.proposal(cell_id) is not None), None)

    def fix(self, finding: Finding) -> bool:
        from core.regenerate import override_notes

        changes = dict(finding.fix)
        self.overrides = override_notes(self.session.diagnoses, changes) if self.session else []
        return self.edit(changes, "以分项为准重算总计")

    def edit_count(self) -> int:
        return len(self.session.edits()) if self.session else 0

    # -- the reviewer's decisions ----------------------------------------------------------------
    def decide(self, indices: list[int], status: str | None, reason: str = "", by: str = "") -> None:
        """Confirm, dismiss (with a reason) or restore (status None) findings; saved at once."""
        if self.session is None or not indices:
            return
        self.session.decide(indices, status, reason, by)
        self._decisions_changed()

    def set_decisions(self, decisions: DecisionSet) -> None:
        self.session.set_decisions(decisions)
        self._decisions_changed()

    def set_review_state(self, state: str) -> None:
        d = self.session.decisions
        self.set_decisions(DecisionSet(d.decisions, state))

    def _decisions_changed(self) -> None:
        self._save_decisions()
        self.decisions_changed.emit()

    def _save_decisions(self) -> None:
        try:
            self.decision_store.save(self.session.sha256, self.session.path, self.session.decisions)
        except OSError as err:  # the folder is gone or full: the decisions stay in memory
            self.decisions_unsaved.emit(str(err.strerror or err))

    def _save(self) -> None:
        if self.session is None:
            return
        edits = self.session.edits()
        try:
            self.autosave.save(self.session.sha256, self.session.path, edits)
        except OutputError as err:  # a read-only folder, a full disk: say so once, keep editing
            first = self.autosave_error is None
            self.autosave_error = err.message
            if first:
                self.autosave_failed.emit(err.message)
        else:
            self.autosave_error = None
        self.edits_changed.emit(len(edits))
