"""The main window: the report beside the editable grid, the findings below.

GUI layer. Composes the parts, wires the actions declared in :mod:`gui.actions`, opens files
(menu, recent files, drag-and-drop, command line) and guards the user's edits on close.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QTabWidget

from core import __version__, formats
from core.autosave import AutosaveStore
from core.outputs import OutputError, output_problem
from core.presentation import verdict_colours
from core.schema import cell_display
from gui import dialogs, settings
from gui.actions import Actions
from gui.decision_actions import DecisionActions
from gui.document_view import DocumentView
from gui.findings_view import FindingsView
from gui.grid_view import GridView
from gui.opening import Opening, OpeningStatus, read_draft, read_previous
from gui.review import Review

OPENABLE = formats.REPORT_SUFFIXES | formats.LEGACY_SUFFIXES  # what a drop accepts
APP_TITLE = "年报校核"


class MainWindow(QMainWindow):
    def __init__(self, autosave: AutosaveStore | None = None):
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.review = Review(autosave or AutosaveStore(settings.autosave_dir()), self)
        self.actions = Actions(self, self.review.undo_stack)

        self.document_view = DocumentView(self.review, self)
        self._pdf_pane = None  # QtPdf: made when the first PDF is opened (gui.pdf_view)
        self.source = QTabWidget(self)  # the report: as read, and a PDF's own pages
        self.source.setDocumentMode(True)
        self.source.addTab(self.document_view, "报告内容")
        self.source.tabBar().setVisible(False)
        self.grid_view = GridView(self.review, self)
        self.findings_view = FindingsView(self.review, self)
        self.top = QSplitter(Qt.Orientation.Horizontal, self)
        self.top.addWidget(self.source)
        self.top.addWidget(self.grid_view)
        self.top.setSizes([560, 800])
        self.main = QSplitter(Qt.Orientation.Vertical, self)
        self.main.addWidget(self.top)
        self.main.addWidget(self.findings_view)
        self.main.setSizes([480, 220])
        self.setCentralWidget(self.main)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.file_label = QLabel(self)
        self.opening_status = OpeningStatus(self)  # 「正在打开……」 while a draft is read
        self.opening_status.cancel_button.clicked.connect(self.cancel_opening)
        self._opening: Opening | None = None
        self.statusBar().addWidget(self.opening_status)
        self.statusBar().addPermanentWidget(self.file_label)
        self.statusBar().addPermanentWidget(self.summary)

        self._build_menus()
        self._wire()
        self.decision_actions = DecisionActions(self)
        self._restore_state()
        self._update_state()

    # -- construction ---------------------------------------------------------------------------
    @property
    def pdf_pane(self):
        """The 「PDF 原文」 tab, made on first use: QtPdf is loaded only when a PDF is shown."""
        if self._pdf_pane is None:
            from gui.pdf_view import PdfPane

            self._pdf_pane = PdfPane(self.review, self)
            self.source.addTab(self._pdf_pane, "PDF 原文")
            self.source.setTabVisible(1, False)
        return self._pdf_pane

    @property
    def pdf_view(self):
        return self.pdf_pane.view

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("文件(&F)")
        file_menu.addAction(a["open"])
        file_menu.addAction(a["open_batch"])
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(a["close"])
        file_menu.addSeparator()
        file_menu.addAction(a["export_docx"])
        file_menu.addAction(a["export_xlsx"])
        file_menu.addAction(a["print_sheet"])
        file_menu.addAction(a["export_sheet"])
        file_menu.addSeparator()
        file_menu.addAction(a["choose_template"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.addAction(a["undo"])
        edit_menu.addAction(a["redo"])
        edit_menu.addSeparator()
        edit_menu.addAction(a["apply_suggestion"])
        edit_menu.addAction(a["recompute_one"])
        edit_menu.addAction(a["recompute_all"])
        review_menu = self.menuBar().addMenu("审核(&R)")
        review_menu.addAction(a["load_previous"])
        review_menu.addSeparator()
        review_menu.addAction(a["next_finding"])
        review_menu.addAction(a["previous_finding"])
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(a["about"])
        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in (
            "open",
            "undo",
            "redo",
            "apply_suggestion",
            "recompute_one",
            "recompute_all",
            "previous_finding",
            "next_finding",
            "export_docx",
            "print_sheet",
        ):
            toolbar.addAction(a[name])

    def _wire(self) -> None:
        a = self.actions
        a["open"].triggered.connect(self.choose_file)
        a["close"].triggered.connect(self.close_report)
        a["open_batch"].triggered.connect(self.choose_folder)
        a["load_previous"].triggered.connect(self.choose_previous)
        a["export_docx"].triggered.connect(self.export_docx)
        a["export_xlsx"].triggered.connect(self.export_xlsx)
        a["choose_template"].triggered.connect(self.choose_template)
        a["print_sheet"].triggered.connect(self.print_sheet)
        a["export_sheet"].triggered.connect(self.export_sheet)
        a["quit"].triggered.connect(self.close)
        a["apply_suggestion"].triggered.connect(self.apply_suggestion)
        a["recompute_one"].triggered.connect(self.recompute_selected)
        a["recompute_all"].triggered.connect(self.recompute_all)
        a["next_finding"].triggered.connect(lambda: self.findings_view.step(1))
        a["previous_finding"].triggered.connect(lambda: self.findings_view.step(-1))
        a["about"].triggered.connect(
            lambda: dialogs.info(self, "关于年报校核", f"年报校核 {__version__}\n政府信息公开工作年度报告离线校核工具")
        )
        # Bound methods, not lambdas: Qt disconnects them when the window goes away.
        self.review.findings_changed.connect(self._update_state)
        self.review.loaded.connect(self._show_source)
        self.review.edits_changed.connect(self._update_state)
        self.review.autosave_failed.connect(self._autosave_failed)
        self.findings_view.finding_chosen.connect(self.show_finding)
        self.findings_view.table.selectionModel().currentRowChanged.connect(self._update_state)
        for view in self.grid_view.views.values():
            view.selectionModel().currentChanged.connect(self._update_state)
        self.grid_view.currentChanged.connect(self._update_state)
        self.findings_view.context_menu_requested.connect(self._finding_menu)
        self.findings_view.diagnosis_chosen.connect(self.show_diagnosis)
        self.findings_view.diagnosis_menu_requested.connect(self._diagnosis_menu)
        self.grid_view.currentChanged.connect(self._update_state)
        self.grid_view.context_menu_requested.connect(self._grid_menu)

    def _restore_state(self) -> None:
        geometry = settings.get(settings.GEOMETRY)
        if not (geometry and not geometry.isEmpty() and self.restoreGeometry(geometry)):
            self.fit_to_screen()
        for key, splitter in ((settings.MAIN_SPLITTER, self.main), (settings.TOP_SPLITTER, self.top)):
            state = settings.get(key)
            if state and not state.isEmpty():
                splitter.restoreState(state)

    def fit_to_screen(self) -> None:
        """First start: as large as the screen allows, up to 1600×1000, with the panes in proportion."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else QRect(0, 0, 1366, 728)
        frame = 40  # title bar and borders the window manager adds
        width = min(1600, available.width() - 8)
        height = min(1000, available.height() - frame)
        self.resize(width, height)
        self.move(
            available.left() + (available.width() - width) // 2,
            available.top() + (available.height() - height - frame) // 2,
        )
        self.top.setSizes([round(width * 0.4), round(width * 0.6)])
        self.main.setSizes([round(height * 0.68), round(height * 0.32)])

    # -- opening ------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = dialogs.open_file(self, settings.get(settings.LAST_FOLDER))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> Opening | None:
        """Start opening a draft for review, off the UI thread; returns the opening (its
        ``finished(ok)`` says how it ended), or None where it is refused at once (a legacy format,
        or the user keeps the current report's edits). A file that cannot be read gets its plain
        message in a dialog once the read is done. Opening another file while one is being read
        gives up the first; opening the same one again just lets it go on."""
        path = Path(path)
        legacy = formats.legacy_error(path)
        if legacy is not None:
            dialogs.error(self, "无法打开", legacy.message)
            return None
        current = self._opening
        drafting = current is not None and current.reader is read_draft
        if drafting and current.path == path:
            return current
        if not drafting and not self._may_leave_current():
            return None  # (while a draft is read, the user has already agreed to leave the report)
        opening = self._start_opening(path, read_draft, self._opened)
        self.document_view.show_opening(path)
        return opening

    def _start_opening(self, path: Path, reader, slot) -> Opening:
        self._drop_opening()  # the newest request wins
        opening = Opening(path, self, reader)
        opening.read.connect(slot)
        self._opening = opening
        self.opening_status.show_opening(opening)
        opening.start()
        return opening

    def _drop_opening(self) -> Opening | None:
        """Forget the opening under way, if any (superseded or cancelled); returns it."""
        opening, self._opening = self._opening, None
        self.opening_status.hide()
        if opening is not None:
            opening.cancel()
            self.document_view.show_opening(None)
        return opening

    def cancel_opening(self) -> None:
        opening = self._drop_opening()
        if opening is not None:
            self.statusBar().showMessage(f"已取消打开“{opening.path.name}”", 8000)

    def _opened(self, session, error) -> None:
        """The background read is done (UI thread): show the report, or say why it cannot be."""
        opening, self._opening = self._opening, None
        self.opening_status.hide()
        if error is not None:
            self.document_view.show_opening(None)
            dialogs.error(self, "无法打开", error.message)
            opening.finish(False)
            return
        self.review.adopt(session)
        saved = self.review.saved_edits()
        if saved:
            when = time.strftime(
                "%m月%d日 %H:%M", time.localtime(self.review.autosave.saved_at(session.sha256) or time.time())
            )
            if dialogs.ask_restore(self, len(saved), when):
                self.review.restore(saved)
            else:
                self.review.discard_saved()
        path = opening.path
        settings.add_recent(str(path.resolve()), folder=str(path.resolve().parent))
        self.findings_view.select_row(0)
        self._update_state()
        opening.finish(True)

    def close_report(self) -> None:
        if self._may_leave_current():
            self.review.close()

    def _may_leave_current(self) -> bool:
        """Ask what to do with unexported edits; False if the user cancels."""
        count = self.review.unexported_count()
        if not count:
            return True
        choice = dialogs.ask_close(self, count)
        if choice == dialogs.CANCEL:
            return False
        if choice == dialogs.DISCARD:
            self.review.discard_saved()
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = settings.get(settings.RECENT_FILES)
        if not recent:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.open_path(p))

    # -- drag and drop ------------------------------------------------------------------------------
    def _dropped_paths(self, mime) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event) -> None:
        paths = self._dropped_paths(event.mimeData())
        if any(p.suffix.lower() in OPENABLE for p in paths):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        dropped = self._dropped_paths(event.mimeData())
        paths = [p for p in dropped if p.is_dir() or p.suffix.lower() in OPENABLE]
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        # Open after the drop handler returns, so the source application is not kept waiting.
        if len(paths) == 1 and not paths[0].is_dir():
            QTimer.singleShot(0, lambda p=paths[0]: self.open_path(p))
        else:
            QTimer.singleShot(0, lambda ps=paths: self.open_batch([str(p) for p in ps]))

    def choose_folder(self) -> None:
        folder = dialogs.open_folder(self, settings.get(settings.LAST_FOLDER))
        if folder:
            self.open_batch([folder])

    def open_batch(self, items: list[str]):
        """Check many drafts (files and folders) in the batch view; returns the view."""
        from core.check import expand_inputs  # the readers: not at the window's start
        from gui.batch_view import BatchWindow

        files = expand_inputs(items)
        if not files:
            dialogs.error(self, "没有报告", "所选位置中没有找到报告文件（.docx、.pdf、网页或 .txt）。")
            return None
        batch = BatchWindow(files, self, store=self.review.decision_store)
        batch.open_requested.connect(self.open_path)
        self.batch_windows = [w for w in getattr(self, "batch_windows", []) if w.isVisible()] + [batch]
        batch.show()
        batch.start()
        return batch

    def choose_previous(self) -> None:
        session = self.review.session
        if session is None:
            return
        path = dialogs.open_file(self, str(session.path.parent))
        if path:
            self.load_previous(path)

    def load_previous(self, path: str | Path) -> Opening | None:
        """Start reading last year's report off the UI thread, to check the draft against it;
        returns the opening (None without a draft to check)."""
        if self.review.session is None:
            return None
        return self._start_opening(Path(path), read_previous, self._previous_read)

    def _previous_read(self, previous, error) -> None:
        opening, self._opening = self._opening, None
        self.opening_status.hide()
        if error is not None:
            dialogs.error(self, "无法载入上年年报", error.message)
            opening.finish(False)
            return
        if self.review.session is None:  # the draft was closed meanwhile
            opening.finish(False)
            return
        path = opening.path
        self.review.set_previous(path, previous)
        self.statusBar().showMessage(f"已对照上年年报：{Path(path).name}（{previous.meta.title or ''}）", 10000)
        from core.check import previous_doubts

        doubts = previous_doubts(self.review.session.report, previous)
        if doubts:
            dialogs.info(
                self,
                "请核实上年年报",
                "。\n".join(doubts) + "。\n对照结果可能不准确，请确认选择的是本单位上一年度的年报。",
            )
        self._update_state()
        opening.finish(True)

    # -- findings and fixes -------------------------------------------------------------------------
    def _show_source(self) -> None:
        """A PDF's own pages beside the grid when the report came from a PDF."""
        session = self.review.session
        is_pdf = session is not None and session.report.document.kind == "pdf"
        if not is_pdf and self._pdf_pane is None:
            return  # no PDF shown yet: nothing to clear
        shown = is_pdf and self.pdf_view.load(session.path)
        if not shown:
            self.pdf_view.clear()
        self.source.setTabVisible(1, shown)
        self.source.setCurrentIndex(1 if shown else 0)
        self.source.tabBar().setVisible(shown)

    def show_finding(self, finding) -> None:
        if finding.rule == "LABEL-NONSTANDARD" and self.grid_view.select_label(finding):
            if finding.cells:
                self.document_view.show_cell(finding.cells[0])
            return
        if finding.cells:
            self.grid_view.select_cells(finding.cells)
            self.document_view.show_cell(finding.cells[0])
            page = self.pdf_view.show_cell(finding.cells[0]) if self.source.isTabVisible(1) else None
            if page is not None:
                self.statusBar().showMessage(f"该单元格在 PDF 第 {page + 1} 页", 5000)
            return
        # about the whole document: no cell to frame, the report scrolls to the place
        self.grid_view.clear_selection()
        if self.source.isTabVisible(1):
            self.pdf_view.clear_mark()
            self.source.setCurrentIndex(0)
        self.document_view.show_place(finding)

    def total_finding(self):
        """The wrong total to recompute: the one selected in the grid, else the selected finding's."""
        session = self.review.session
        if session is None:
            return None
        finding = self.total_at(self.grid_view.current_cell())
        if finding is not None:
            return finding
        finding = self.findings_view.current_finding()
        return finding if finding is not None and finding.fix else None

    def total_at(self, cell_id: str | None):
        """The wrong-total finding whose total is ``cell_id``, if any."""
        session = self.review.session
        if session is None or not cell_id:
            return None
        return next((f for f in session.state(cell_id).findings if cell_id in f.fix), None)

    def show_diagnosis(self, diagnosis) -> None:
        """Select the cells a diagnosis names (the culprit, or every candidate)."""
        self.grid_view.select_cells(diagnosis.cells)
        self.document_view.show_cell(diagnosis.cells[0])
        if self.source.isTabVisible(1):
            self.pdf_view.show_cell(diagnosis.cells[0])
        self._update_state()

    def _suggestion(self):
        """The unique diagnosis 「采用建议」 would apply: the one chosen in the list, else the
        one naming the grid's current cell."""
        chosen = self.findings_view.current_diagnosis()
        if chosen is not None:
            return chosen if chosen.unique else None
        return self.review.suggestion_for(self.grid_view.current_cell())

    def apply_suggestion(self) -> None:
        diagnosis = self._suggestion()
        if diagnosis is not None and self.review.apply_suggestion(diagnosis):
            done = "；".join(f"{cell_display(c.cell)}改为 {c.proposed}" for c in diagnosis.changes)
            self.statusBar().showMessage(f"已采用建议（可撤销）：{done}", 10000)

    def _diagnosis_menu(self, menu: QMenu, diagnosis) -> None:
        if diagnosis.unique:
            menu.addAction(self.actions["apply_suggestion"])

    def recompute_all(self) -> None:
        """Recompute every total; say plainly where that overrides a diagnosis."""
        self.review.recompute_all()
        self._say_overrides()

    def _say_overrides(self) -> None:
        if self.review.overrides:
            more = f"（另有 {len(self.review.overrides) - 1} 处，见诊断）" if len(self.review.overrides) > 1 else ""
            self.statusBar().showMessage(self.review.overrides[0] + more, 20000)

    def recompute_selected(self) -> None:
        finding = self.total_finding()
        if finding is not None:
            self.review.fix(finding)
            self._say_overrides()

    def _finding_menu(self, menu: QMenu, finding) -> None:
        if finding is not None and finding.fix:
            menu.addAction(self.actions["recompute_one"])
        menu.addAction(self.actions["recompute_all"])

    def _grid_menu(self, menu: QMenu, cell_id) -> None:
        session = self.review.session
        if session is None:
            return
        if cell_id and session.state(cell_id).suggestion is not None:
            diagnosis = self.review.suggestion_for(cell_id)
            menu.addAction(
                f"采用建议（改为 {session.state(cell_id).suggestion}）",
                lambda d=diagnosis: self.review.apply_suggestion(d),
            )
        finding = self.total_at(cell_id)
        if finding is not None:
            menu.addAction(
                self.actions["recompute_one"].text(), lambda f=finding: self.review.fix(f) and self._say_overrides()
            )
        menu.addAction(self.actions["recompute_all"])
        menu.addSeparator()
        menu.addAction(self.actions["undo"])
        menu.addAction(self.actions["redo"])

    # -- corrected report and workbook ----------------------------------------------------------------
    def _save_target(self, title: str, suffix: str, file_filter: str) -> Path | None:
        session = self.review.session
        out = dialogs.save_file(self, title, str(session.path.with_name(f"{session.path.stem}{suffix}")), file_filter)
        if not out:
            return None
        problem = output_problem(out, self._inputs(), force=True)  # the save dialog asked about overwriting
        if problem:
            dialogs.error(self, "无法导出", problem)
            return None
        return Path(out)

    def _inputs(self) -> list[Path]:
        """The files this review reads: an export is never written over one of them."""
        return [p for p in (self.review.session.path, self.review.previous_path) if p is not None]

    def export_docx(self) -> Path | None:
        """Preview the change list, then write the corrected report from the current grid."""
        from core.regenerate import TemplateError, plan, regenerate  # jinja2, python-docx: when asked

        session = self.review.session
        if session is None:
            return None
        template = settings.get(settings.TEMPLATE) or None
        _, preview = plan(session.report, original=session.original)
        lines = [c.line() for c in preview.changes]
        remaining = [f.message for f in preview.remaining]
        notes = preview.notes + [f"正文与统计表不一致：{f.message}" for f in preview.narrative]
        if not dialogs.confirm_changes(self, lines, remaining, notes):
            return None
        out = self._save_target("导出更正稿", "-更正稿.docx", "Word 文档 (*.docx)")
        if out is None:
            return None
        try:
            regenerate(session.report, out, template, original=session.original, inputs=self._inputs())
        except (TemplateError, OutputError) as err:
            dialogs.error(self, "无法导出更正稿", str(err))
            return None
        self.review.mark_exported()
        self.statusBar().showMessage(f"已导出更正稿：{out}（{len(lines)} 处更改）", 10000)
        return out

    def export_xlsx(self) -> Path | None:
        from core.xlsx import write_workbook  # openpyxl: when asked

        session = self.review.session
        if session is None:
            return None
        out = self._save_target("导出 Excel", "-校核结果.xlsx", "Excel 工作簿 (*.xlsx)")
        if out is None:
            return None
        from core.check import CheckResult

        result = CheckResult(
            file=str(session.path),
            report=session.report,
            findings=list(session.findings),
            diagnoses=list(session.diagnoses),
        )
        result.decide(session.decisions)
        try:
            write_workbook([result], out, inputs=self._inputs())
        except OutputError as err:
            dialogs.error(self, "无法导出 Excel", err.message)
            return None
        self.statusBar().showMessage(f"已导出 Excel：{out}", 10000)
        return out

    def choose_template(self) -> None:
        path = dialogs.choose_template(self, settings.get(settings.TEMPLATE))
        if path is None:
            return
        settings.put(settings.TEMPLATE, path)
        self.statusBar().showMessage(f"更正稿模板：{path or '标准格式（内置）'}", 8000)

    # -- the findings sheet ---------------------------------------------------------------------------
    def sheet_html(self):
        """The sheet of the draft as submitted, listing the corrections made in this review and
        the reviewer's decisions: a renderer ``breaks -> HTML`` that the printer paginates."""
        from core.sheet import sheet_context, sheet_renderer  # jinja2: when asked

        s = self.review.session
        context = sheet_context(
            s.path,
            s.report,
            s.draft_findings,
            s.sha256,
            edits=s.edits(),
            original=s.original,
            decisions=s.draft_decisions(),
            diagnoses=s.draft_diagnoses,
        )
        return sheet_renderer(context)

    def print_sheet(self) -> None:
        if self.review.session is None:
            return
        from gui import printing  # Qt's print support and the sheet's fonts: when asked

        render = self.sheet_html()
        dialogs.print_preview(self, lambda printer: printing.print_html(render, printer), printing.use_a4)

    def export_sheet(self) -> str | None:
        from gui import printing  # Qt's print support and the sheet's fonts: when asked

        session = self.review.session
        if session is None:
            return None
        out = self._save_target("导出审核单 PDF", "-审核单.pdf", "PDF 文件 (*.pdf)")
        if out is None:
            return None
        try:
            pages = printing.write_pdf(
                self.sheet_html(), out, title=f"审核单 {session.path.name}", inputs=self._inputs()
            )
        except OutputError as err:
            dialogs.error(self, "无法导出", err.message)
            return None
        out = str(out)
        self.statusBar().showMessage(f"已导出审核单：{out}（{pages} 页）", 10000)
        return out

    # -- state --------------------------------------------------------------------------------------
    def _update_state(self, *_) -> None:
        session = self.review.session
        loaded = session is not None
        for name in (
            "close",
            "recompute_all",
            "next_finding",
            "previous_finding",
            "print_sheet",
            "export_sheet",
            "export_docx",
            "export_xlsx",
        ):
            self.actions[name].setEnabled(loaded)
        self.actions["recompute_one"].setEnabled(self.total_finding() is not None)
        self.actions["apply_suggestion"].setEnabled(loaded and self._suggestion() is not None)
        if not loaded:
            self.summary.setText("")
            self.file_label.setText("")
            self.setWindowTitle(APP_TITLE)
            return
        edits = self.review.edit_count()
        unexported = self.review.unexported_count()
        self.summary.setText(f"  {session.summary()}  ")
        errors = session.count("error")
        colours = verdict_colours(errors)
        self.summary.setStyleSheet(f"background:{colours.background}; color:{colours.foreground}; font-weight:bold")
        paired = f"  对照上年：{self.review.previous_path.name}" if self.review.previous_path else ""
        if edits and not unexported:
            saved = "已导出更正稿"
        else:
            saved = "未能自动保存" if self.review.autosave_error else "已自动保存"
        self.file_label.setText(f"{session.path.name}{paired}" + (f"  已修改 {edits} 处（{saved}）" if edits else ""))
        title = session.report.meta.title or session.path.name
        self.setWindowTitle(f"{'*' if unexported else ''}{title} - {APP_TITLE}")

    def _autosave_failed(self, message: str) -> None:
        dialogs.error(
            self,
            "无法自动保存",
            f"{message}\n\n您可以继续修改，但修改目前没有保存到磁盘；请尽快导出更正稿或审核单。原稿没有被修改。",
        )

    def closeEvent(self, event) -> None:
        if not self._may_leave_current():
            event.ignore()
            return
        settings.put(settings.GEOMETRY, self.saveGeometry())
        settings.put(settings.MAIN_SPLITTER, self.main.saveState())
        settings.put(settings.TOP_SPLITTER, self.top.saveState())
        event.accept()
