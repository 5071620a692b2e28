"""Regenerating a corrected report in the standard format from a docxtpl template.

Core layer. The narrative is carried over from the draft verbatim, paragraph by paragraph and
section by section; the tables get the corrected numbers in the official layout and wording; the
title and headings become the standard ones. Every change is listed (cell, label, heading, title:
from → to), and what could not be repaired (a broken 一+二=三+四 balance, text in a number cell) is
returned as the findings that remain. The draft itself is never written.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from core.cell_id import CellId
from core.diagnose import Diagnosis, diagnose
from core.labels import display, norm
from core.outputs import write_output
from core.report import Report
from core.rules import ERROR, Finding, run_rules
from core.schema import cell_display, cell_labels, schema
from core.session import recompute_totals
from core.template import DEFAULT_TEMPLATE
from core.values import ANNOTATED, BLANK, INVALID, PLACEHOLDER, Value, format_number, parse_value

NARRATIVE = "NARRATIVE-MISMATCH"  # the text against the tables: a correction may make new ones


class TemplateError(Exception):
    """The template could not be used; the message says why, in Chinese."""


@dataclass(frozen=True)
class Change:
    kind: str  # "cell", "label", "heading", "title", "column"
    where: str
    before: str
    after: str

    def line(self) -> str:
        kinds = {"cell": "数值", "label": "表述", "heading": "标题", "title": "报告名称", "column": "表格列"}
        return f"[{kinds[self.kind]}] {self.where}：{self.before or '（空白）'} → {self.after or '（空白）'}"


@dataclass
class Result:
    changes: list[Change] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # error findings the output still has
    notes: list[str] = field(default_factory=list)  # diagnoses applied or overridden, notes dropped
    # NARRATIVE-MISMATCH findings of the output: its text, copied from the draft, states a figure
    # (收到申请 78 件) its corrected table no longer has (77); only the reviewer can reword it
    narrative: list[Finding] = field(default_factory=list)


def output_text(value: Value | None) -> str:
    """What a statutory cell holds in the standard format: a plain number wherever one is known."""
    if value is None:
        return ""
    if value.status in (BLANK, PLACEHOLDER):
        return "0"
    if value.status == INVALID:
        return value.raw.strip()
    if value.status == ANNOTATED or value.number is not None:
        return format_number(value.number)
    return value.raw.strip()


def _cells_context(report: Report) -> dict:
    nested: dict = {}
    for table in schema().tables:
        for row in table.rows:
            for col in table.row_cols(row):
                if table.column(col).optional:
                    continue
                nested.setdefault(table.id, {}).setdefault(row.id, {})[col] = output_text(
                    report.value(f"{table.id}.{row.id}.{col}")
                )
    return nested


def _title(report: Report) -> str:
    meta = report.meta
    if meta.agency and meta.year:
        return f"{meta.agency}{meta.year}年政府信息公开工作年度报告"
    return meta.title or "政府信息公开工作年度报告"


def corrected_copy(
    report: Report, recompute: bool, suggestions: bool = False, notes: list[str] | None = None
) -> Report:
    """A copy of the report with the unique diagnoses' proposals applied (``suggestions``) and
    then totals recomputed from their parts (``recompute``). ``notes`` collects, in Chinese, each
    diagnosis applied and each recomputed total that goes against what a diagnosis says."""
    notes = [] if notes is None else notes
    work = copy.copy(report)
    work.cells = {k: copy.copy(v) for k, v in report.cells.items()}
    diagnoses = diagnose(report) if recompute or suggestions else []
    applied = [d for d in diagnoses if d.unique and suggestions]
    for d in applied:
        for cell_id, text in d.fix.items():
            work.cells[cell_id].value = parse_value(text)
        notes.append(f"按诊断更正：{d.message}")
    recomputed = recompute_totals(work) if recompute else {}
    for cell_id, text in recomputed.items():
        work.cells[cell_id].value = parse_value(text)
    notes += override_notes([d for d in diagnoses if d not in applied], recomputed)
    return work


def override_notes(diagnoses: list[Diagnosis], recomputed: dict[str, str]) -> list[str]:
    """Where recomputing totals goes against a diagnosis, say so plainly (in Chinese)."""
    notes = []
    for cell_id, text in recomputed.items():
        for d in diagnoses:
            if not any(cell_id in cells for _, cells in d.relations):
                continue
            if d.unique and d.proposal(cell_id) == int(text) and len(d.changes) == 1:
                continue  # the diagnosis names this very total: recomputing it is the same fix
            where = f"注意：已将{cell_display(cell_id)}以分项为准重算为 {text}"
            if d.unique:
                notes.append(f"{where}，这覆盖了诊断：{d.message}")
            else:
                notes.append(f"{where}；诊断无法确定填错的是哪一格，若填错的是分项，此项重算不对：{d.message}")
    return notes


# Names a template never needs (the documented fields are plain data) and that a hostile one
# uses to reach Python objects or to loop for ever.
_REMOVED_GLOBALS = ("cycler", "joiner", "namespace", "lipsum", "range", "dict")
_MAX_REPEAT = 100_000  # "x" * n, [..] * n: no template needs more characters than a report has


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for an office's template: an untrusted document from another office.

    The sandbox refuses attributes that start with ``_`` and Python internals at render time;
    on top of that a template whose text names such an attribute at all, loads another file
    (include, import, extends), uses ``**`` or repeats
    a string more than :data:`_MAX_REPEAT` times is refused before anything is rendered, and the
    helper globals (``cycler``, ``range`` …) are not there. Autoescape and StrictUndefined as
    for every template of the product."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self):
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined)
        for name in _REMOVED_GLOBALS:
            self.globals.pop(name, None)

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        if next(tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)), None):
            raise SecurityError("a template may not load other files")
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
            key = getattr(node, "attr", None) or getattr(node, "name", None)
            if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                key = node.arg.value
            if isinstance(key, str) and key.startswith("_"):
                raise SecurityError(f"access to {key!r} is refused")
        return tree

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            raise SecurityError("the power operator is refused")
        if any(isinstance(x, (str, list, tuple)) for x in (left, right)) and any(
            isinstance(x, int) and x > _MAX_REPEAT for x in (left, right)
        ):
            raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


def _require_fields(template: Path, xml: str) -> None:
    """A template must hold the title and fields of all three statutory tables: any other DOCX
    (another unit's report, a template whose tables were deleted) would give a "corrected report"
    without the corrections."""
    ids = "|".join(re.escape(t.id) for t in schema().tables)
    tables = set(re.findall(rf"\bc\.({ids})\.", xml))
    missing = [t.name for t in schema().tables if t.id not in tables]
    if missing or not re.search(r"\{\{-?\s*title\b", xml):
        what = "、".join(missing) + "的字段" if missing else "标题字段 {{ title }}"
        raise TemplateError(
            f"“{template.name}”不是更正稿模板：其中没有{what}。"
            "请使用标准模板，或在标准模板的基础上修改（字段说明见 docs/template.md）。"
        )


def _render(template: str | Path, context: dict, out: Path, inputs=()) -> None:
    """Render, then write through :func:`core.outputs.write_output` (a temporary file beside
    ``out``), so a failure never leaves half a document and no input is ever written."""
    from docxtpl import DocxTemplate  # slow to import; the check path never needs it

    template = Path(template)
    if not template.is_file():
        raise TemplateError(f"找不到模板文件：{template}")
    env = TemplateEnvironment()
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
        _require_fields(template, tpl.patch_xml(tpl.get_xml()))
        tpl.render(context, jinja_env=env, autoescape=True)
    except SecurityError:
        raise TemplateError(
            f"模板“{template.name}”中含有不允许的内容（试图访问程序内部的对象或做大量运算），已拒绝使用。"
            "模板只能使用 docs/template.md 中列出的字段；请向提供模板的单位核实。"
        ) from None
    except jinja2.UndefinedError as err:
        unknown = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(err))
        name = next((g for g in unknown.groups() if g), "") if unknown else ""
        raise TemplateError(
            f"模板“{template.name}”中的字段有误：程序不认识"
            + (f"“{name}”" if name else "其中的一个字段")
            + "。可用的字段见使用说明（docs/template.md）；请改正模板或使用标准模板。"
        ) from None
    except jinja2.TemplateSyntaxError:
        raise TemplateError(
            f"模板“{template.name}”中的字段有误：有 {{{{ }}}} 或 {{% %}} 的写法不完整或不成对。"
            "请按使用说明（docs/template.md）改正模板，或使用标准模板。"
        ) from None
    except jinja2.TemplateError:
        raise TemplateError(
            f"模板“{template.name}”中的字段有误。请按使用说明（docs/template.md）改正模板，或使用标准模板。"
        ) from None
    except (TypeError, OverflowError, RecursionError) as err:  # what a mangled field expression raises
        raise TemplateError(
            f"模板“{template.name}”中的字段无法使用（{type(err).__name__}）。字段说明见 docs/template.md。"
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(f"模板“{template.name}”不是可用的 .docx 文件（{type(err).__name__}）。") from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    write_output(out, buffer.getvalue(), inputs=[template, *inputs])


def write_corrected(
    source: str | Path, out: str | Path, template=None, recompute: bool = False, suggestions: bool = False
) -> Result:
    """Read a draft and write its corrected version (raises ReadError or TemplateError)."""
    from core.check import read_report

    return regenerate(
        read_report(source), out, template=template, recompute=recompute, suggestions=suggestions, inputs=[source]
    )


def plan(
    report: Report, recompute: bool = False, original: dict[str, str] | None = None, suggestions: bool = False
) -> tuple[dict, Result]:
    """The template's fields and the change list, without writing anything; ``original`` holds
    the draft's cell texts where ``report`` already carries a reviewer's edits."""
    notes: list[str] = []
    work = corrected_copy(report, recompute, suggestions, notes)
    standard = {t.id: t.column_ids() for t in schema().tables}
    if work.columns != standard:  # the standard layout has no 小计 column: the output drops it
        work.cells = {k: v for k, v in work.cells.items() if (c := CellId.split(k)).col in standard[c.table]}
        work.columns = standard
    doc = work.document
    sections = work.outline  # found by the locator

    def texts(blocks):
        return [doc.blocks[i].text.strip() for i in blocks]

    signer = doc.blocks[sections.signer].text.strip() if sections.signer is not None else (work.meta.agency or "")
    signed = doc.blocks[sections.signed].text.strip() if sections.signed is not None else ""
    context = {
        "title": _title(work),
        "preamble": texts(sections.preamble),
        "sections": {s.id: texts(sections.body[s.id]) for s in schema().sections},
        "c": _cells_context(work),
        "agency": signer,
        "signed_date": signed,
    }
    result = Result(notes=notes)
    drafted = original if original is not None else {cid: loc.value.raw for cid, loc in report.cells.items()}
    for cell_id in schema().cell_ids(with_optional=False):
        t_id, r_id, c_id = CellId.split(cell_id)
        after = context["c"][t_id][r_id][c_id]
        before = drafted.get(cell_id)
        if before is None or before.strip() != after:
            table, row, col = cell_labels(cell_id)
            before_text = "（未找到）" if before is None else before.strip()
            result.changes.append(Change("cell", f"{table}“{row}”行“{col}”列", before_text, after))
        value = report.value(cell_id)
        if value is not None and value.status == ANNOTATED and value.note:
            result.notes.append(
                f"注意：{cell_display(cell_id)}的说明“{value.note.strip()}”不能留在表中，"
                "更正稿只保留数字，请把这句说明写入正文相应部分。"
            )
    for issue in work.labels:
        result.changes.append(Change("label", schema().table(issue.table).name, issue.found, issue.standard))
    for table in schema().tables:
        for col in map(table.column, report.extra_columns(table.id)):
            where = f"{table.header.get(f'{col.group}_group', '')}“{col.label}”列"
            result.changes.append(Change("column", table.name, where, "按标准格式删除"))
    for sec in schema().sections:
        found = sections.headings.get(sec.id)
        before = display(doc.blocks[found].text) if found is not None else "（缺）"
        if norm(before) != norm(sec.heading):
            result.changes.append(Change("heading", sec.heading[2:], before, sec.heading))
    draft_title = "".join(display(doc.blocks[i].text) for i in work.title_blocks)
    if norm(draft_title) != norm(context["title"]):
        result.changes.append(Change("title", "标题", draft_title or "（缺）", context["title"]))
    findings = run_rules(work)
    result.remaining = [f for f in findings if f.severity == ERROR]
    result.narrative = [f for f in findings if f.rule == NARRATIVE]
    return context, result


def regenerate(
    report: Report,
    out: str | Path,
    template: str | Path | None = None,
    recompute: bool = False,
    original: dict[str, str] | None = None,
    suggestions: bool = False,
    inputs=(),
) -> Result:
    """Write the corrected report to ``out`` and return its change list; never over ``inputs``
    or the template (raises core.outputs.OutputError)."""
    context, result = plan(report, recompute, original, suggestions)
    _render(template or DEFAULT_TEMPLATE, context, Path(out), inputs)
    return result
