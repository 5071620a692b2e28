"""The batch view's 「汇总」 tab: the batch's reports added up (逐级汇总), read-only in the grid.

GUI layer, over :func:`core.summing.summarise`. Left, the summed tables in the same grid as the
review window (editing off); cells where a loaded summary report disagrees with the sum are
marked, with both figures in the tooltip. Right, what a 政务公开办 must act on: the disagreements
with the summary report (click one to see its cell), the missing units of a loaded units list,
the files left out and why, the reports of no listed unit, the carry-over findings of each unit
paired with last year's report, and the parts that have errors of their own.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.autosave import AutosaveStore
from core.check import CheckResult, load
from core.presentation import worst_severity
from core.rules import ERROR, SEVERITY_ZH, WARNING
from core.rules.summary import SUM_RULE
from core.session import CellState, Session
from core.sum_report import REASONS
from core.summing import Summation, part_name, summarise
from gui import dialogs
from gui.grid_view import GridView
from gui.review import Review
from gui.table_model import ERROR_BG, ERROR_FG, WARNING_BG


class SumSession(Session):
    """The summed report as a review session the grid can show: its own findings, and the
    disagreements with a summary report marked on the summed cells."""

    def __init__(self, summation: Summation):
        self.summation = summation
        super().__init__(Path("汇总"), summation.result.report, "")

    def recheck(self) -> set[str]:
        changed = super().recheck()
        for f in (f for f in self.summation.result.findings if f.rule == SUM_RULE):
            self.findings.append(f)
            for cell_id in f.marked:
                state = self.state(cell_id)
                found = (*state.findings, f)
                severity = worst_severity(found)
                self.states[cell_id] = CellState(state.raw, severity, found)
                changed.add(cell_id)
        return changed


class SumPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[CheckResult] = []
        self.units: list[str] | None = None
        self.units_path: str | None = None
        self.against_path: str | None = None
        self.summation: Summation | None = None
        self._store = tempfile.TemporaryDirectory(prefix="nianbao-sum-")  # never written: no edits
        self.review = Review(AutosaveStore(self._store.name), self)
        self.heading = QLabel("检查完成后在此显示汇总。", self)
        self.heading.setWordWrap(True)
        self.units_button = QPushButton("载入单位名单…", self)
        self.units_button.setToolTip("应报送单位名单：文本文件每行一个单位，或 Excel 第一列")
        self.units_button.clicked.connect(self.choose_units)
        self.against_button = QPushButton("载入汇总报告…", self)
        self.against_button.setToolTip("已编写的汇总报告（草稿或已发布）：逐格核对是否等于各单位之和")
        self.against_button.clicked.connect(self.choose_against)
        self.xlsx_button = QPushButton("导出汇总表（Excel）…", self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.docx_button = QPushButton("生成汇总报告初稿…", self)
        self.docx_button.setToolTip("按标准格式生成 Word 文档，统计表填入各单位之和")
        self.docx_button.clicked.connect(lambda: self.export("docx"))
        self.buttons = (self.units_button, self.against_button, self.xlsx_button, self.docx_button)
        for button in self.buttons:
            button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in self.buttons:
            top.addWidget(button)
        self.grid = GridView(self.review, self)
        self.grid.setObjectName("sum-grid")
        for view in self.grid.views.values():
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("sum-notes")
        self.notes.setOpenLinks(False)
        self.notes.anchorClicked.connect(self._clicked)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.grid)
        split.addWidget(self.notes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- inputs --------------------------------------------------------------------------------
    def set_results(self, results: list[CheckResult]) -> None:
        self.results = results
        for button in self.buttons:
            button.setEnabled(True)
        self.refresh()

    def _folder(self) -> str:
        return str(Path(self.results[0].file).parent) if self.results else ""

    def choose_units(self) -> None:
        path = dialogs.open_units(self, self._folder())
        if path:
            self.load_units(path)

    def load_units(self, path: str) -> bool:
        from core.units import UnitsError, read_units

        try:
            self.units = read_units(path)
        except (UnitsError, OSError) as err:
            dialogs.error(self, "无法载入单位名单", str(err))
            return False
        self.units_path = path
        self.refresh()
        return True

    def choose_against(self) -> None:
        path = dialogs.open_file(self, self._folder())
        if path:
            self.load_against(path)

    def load_against(self, path: str) -> bool:
        loaded = load(path)
        if not loaded.ok:
            dialogs.error(self, "无法读取汇总报告", loaded.error.message)
            return False
        self.against_path = path
        self.refresh()
        return True

    def export(self, kind: str) -> Path | None:
        """Write the summed workbook or the filled standard report; never over an input."""
        from core.sum_report import write_sum_workbook, write_summary_docx

        s = self.summation
        if s is None or not s.parts:
            dialogs.error(self, "无法导出", "没有可以汇总的报告。")
            return None
        year = f"{s.year}年度" if s.year else ""
        names = {
            "xlsx": (f"{year}汇总.xlsx", "Excel 工作簿 (*.xlsx)"),
            "docx": (f"{year}汇总报告初稿.docx", "Word 文档 (*.docx)"),
        }
        name, file_filter = names[kind]
        out = dialogs.save_file(self, "导出汇总", str(Path(self._folder()) / name), file_filter)
        if not out:
            return None
        inputs = [r.file for r in self.results] + [p for p in (self.units_path, self.against_path) if p]
        if any(Path(out).resolve() == Path(f).resolve() for f in inputs):
            dialogs.error(self, "无法导出", "不能保存为某份报告或名单原件本身，请换一个文件名。")
            return None
        try:
            if kind == "xlsx":
                write_sum_workbook(s, out)
            else:
                write_summary_docx(s.result.report, out, "", s.year, len(s.parts))
        except Exception as err:  # OSError, TemplateError: a plain message, never a traceback
            dialogs.error(self, "无法导出", f"无法写入“{out}”：{getattr(err, 'strerror', None) or err}")
            return None
        self.heading.setText(f"已导出：{out}")
        return Path(out)

    # -- showing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        against = load(self.against_path) if self.against_path else None
        s = self.summation = summarise(self.results, units=self.units, against=against)
        self.review.session = SumSession(s)
        self.review.loaded.emit()
        self.review.findings_changed.emit()
        year = f"{s.year} 年度" if s.year else ""
        text = f"{year}汇总：计入 {len(s.parts)} 份报告"
        if s.left_out:
            text += f"，{len(s.left_out)} 个文件未计入"
        if s.units is not None:
            text += f"；名单 {len(s.units)} 个单位，缺报 {len(s.missing_units)} 个"
        if s.against is not None:
            mismatches = sum(1 for f in s.result.findings if f.rule == SUM_RULE)
            text += f"；与汇总报告“{Path(s.against.file).name}”" + (
                f"有 {mismatches} 个单元格不一致" if mismatches else "逐格一致"
            )
        self.heading.setText(text + "。表格为各单位之和（只读）。")
        self._fill_notes(s)

    def _fill_notes(self, s: Summation) -> None:
        html: list[str] = []

        def group(title: str, count: int, alarm: bool = False) -> None:
            colour = ERROR_BG.name() if alarm and count else "#000000"
            html.append(f'<h4 style="color:{colour}; margin:8px 0 2px 0">{escape(title)}（{count}）</h4>')

        def line(text: str, severity: str | None = None, cells=(), indent: int = 1) -> None:
            style = f"margin:1px 0 1px {indent * 14}px;"
            text_colour = "#000000"
            if severity == ERROR:
                style += f"background:{ERROR_BG.name()}; color:{ERROR_FG.name()};"
                text_colour = ERROR_FG.name()
            elif severity == WARNING:
                style += f"background:{WARNING_BG.name()};"
            body = escape(text)
            if cells:  # Qt's rich text knows no "inherit": a link is given the line's own colour
                body = f'<a href="cell:{",".join(cells)}" style="color:{text_colour}">{body}</a>'
            html.append(f'<p style="{style}">{body}</p>')

        if s.against is not None:
            found = [f for f in s.result.findings if f.rule == SUM_RULE]
            group(f"与汇总报告核对：{Path(s.against.file).name}", len(found), True)
            if s.own_figures:
                line("汇总报告注明含本级数字：大于各单位之和的单元格不计为问题")
            if not found:
                line("各单元格均等于各单位之和")
            for f in found:
                line(f"{SEVERITY_ZH[f.severity]}：{f.message}", f.severity, f.cells)
        if s.units is not None:
            group("缺报单位（名单中有、未收到报告）", len(s.missing_units), True)
            for unit in s.missing_units:
                line(unit, WARNING)
            if s.unlisted:
                group("不在单位名单中的报告（已计入）", len(s.unlisted))
                for p in s.unlisted:
                    line(f"{part_name(p)}（{Path(p.file).name}）")
        own = [f for f in s.result.findings if f.rule != SUM_RULE]
        if own:
            group("汇总数本身的问题", len(own), True)
            for f in own:
                line(f"{SEVERITY_ZH[f.severity]}：{f.message}", f.severity, f.cells)
        carry = s.carry_over()
        if carry:
            group("与上年报告对照（结转、现行有效件数）", len(carry))
            for file, findings in carry.items():
                part = next(p for p in s.parts if p.file == file)
                then = Path(s.previous_of.get(file) or "").name
                line(f"{part_name(part)}：对照 {then}，" + (f"{len(findings)} 处问题" if findings else "衔接一致"))
                for f in findings:
                    line(f"{SEVERITY_ZH[f.severity]}：{f.message}", f.severity, indent=2)
        if s.flawed:
            group("本身有错误的报告（汇总数可能不准，请先核实）", len(s.flawed), True)
            for p in s.flawed:
                line(f"{part_name(p)}（{Path(p.file).name}）：{p.errors} 处错误，{p.warnings} 处提示", ERROR)
        if s.left_out:
            group("未计入汇总的文件", len(s.left_out))
            for o in s.left_out:
                line(f"[{REASONS[o.reason]}] {Path(o.file).name}：{o.message}")
        self.notes.setHtml("".join(html))

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "cell":
            self.grid.select_cells(url.path().split(","))
