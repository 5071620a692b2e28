"""The report's outline: title, preamble, the six sections with their narrative, the signature.

Core layer. A section is recognised by its heading text (a short paragraph whose wording names
the section, numbered or not), never by its numeral alone: seed 001 numbers sub-headings inside
一、总体情况 as 一、二、三、, and they are not sections. The signature block is the agency line and
the date line at the very end of the body, which on a saved web page ends before the site's
footer, share line and the like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from core.document import Document, Paragraph
from core.labels import core_label, display, norm
from core.schema import Schema, Section, schema
from core.text import parse_date

MAX_HEADING = 40
MAX_FURNITURE = 120  # a footer line is short; a longer paragraph is the report's own text


@dataclass
class Outline:
    """Where a report's sections, their paragraphs and its signature are, as block indices."""

    preamble: list[int] = field(default_factory=list)  # paragraph blocks before the first section
    headings: dict[str, int] = field(default_factory=dict)  # section id -> its heading's block
    body: dict[str, list[int]] = field(default_factory=dict)  # section id -> its paragraph blocks
    signer: int | None = None  # block of the agency line of the signature
    signed: int | None = None  # block of the date line
    signed_date: tuple[int, int, int] | None = None


@lru_cache(maxsize=1)
def _normed_words(sch: Schema) -> tuple[tuple[tuple[Section, tuple[str, ...]], ...], tuple[str, ...]]:
    """Each section of ``sch`` with its keys normalized, and the page furniture words normalized
    and lower case: worked out once per schema (the tests edit it), not for every paragraph of
    every report."""
    keys = tuple((section, tuple(norm(k) for k in section.keys)) for section in sch.sections)
    return keys, tuple(norm(w).lower() for w in sch.page_furniture)


def heading_section(text: str) -> Section | None:
    normed = norm(text)
    if not normed or len(normed) > MAX_HEADING:
        return None
    core = core_label(text)
    for section, keys in _normed_words(schema())[0]:
        if any(k in core for k in keys):
            return section
    return None


def is_furniture(text: str) -> bool:
    """A line of a saved web page's site furniture (footer, 分享到, 打印本页, 网站标识码, ICP 备案 …),
    by the words in the schema's ``page_furniture``; a sentence (with 。) is never furniture."""
    normed = norm(text).lower()
    return len(normed) <= MAX_FURNITURE and "。" not in text and any(w in normed for w in _normed_words(schema())[1])


def outline(doc: Document, title_blocks: list[int]) -> Outline:
    out = Outline(body={s.id: [] for s in schema().sections})
    paragraphs = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.text.strip()]
    end = len(paragraphs)
    while end and is_furniture(paragraphs[end - 1][1].text):
        end -= 1  # the body ends before the web page's trailing furniture
    paragraphs = paragraphs[:end]
    tail = [i for i, _ in paragraphs[-3:]]
    for i, p in reversed(paragraphs[-3:]):
        date = parse_date(norm(p.text))
        if date:
            out.signed, out.signed_date = i, date
            before = [j for j in tail if j < i]
            if before:
                candidate = doc.blocks[before[-1]].text
                if len(norm(candidate)) <= 30 and "。" not in candidate and not heading_section(candidate):
                    out.signer = before[-1]
            break
    current: str | None = None
    skip = set(title_blocks) | {out.signer, out.signed}
    for i, p in paragraphs:
        if i in skip or (title_blocks and i < title_blocks[0]):
            continue
        section = heading_section(p.text)
        if section and section.id not in out.headings:
            out.headings[section.id] = i
            current = section.id
            continue
        if current is None:
            out.preamble.append(i)
        else:
            out.body[current].append(i)
    return out


def heading_deviations(sections: Outline, doc: Document) -> list[tuple[Section, str]]:
    """The section headings found in a wording other than the format's (numbering, spacing and
    bracket width aside): (section, the heading as printed)."""
    out = []
    for section in schema().sections:
        block = sections.headings.get(section.id)
        if block is None:
            continue
        text = doc.blocks[block].text
        if core_label(text) != core_label(section.heading):
            out.append((section, display(text)))
    return out
