"""Making a PDF's text layer say the characters printed: 人, not the radical ⼈.

Core layer (bytes in, bytes out). Qt's PDF writer builds each font's ToUnicode map by walking the
code points from U+0000 upwards and keeping, for every glyph, the *first* code point the font maps
to it. Noto CJK (the CJK font on Linux desktops, 统信 and 麒麟) gives a Kangxi radical (U+2F00–) or
a CJK radical supplement form (U+2E80–) the very glyph of the ideograph it looks like, and those
blocks come before the unified ideographs (U+4E00–): so 人 copies out as ⼈, 一 as ⼀, 页 as ⻚,
and an archive search for 审核人 finds nothing. Latin ligatures (ﬀ for "ff" in a SHA-256) go the
same way. :func:`fix_text_layer` rewrites every ToUnicode map so that such a glyph maps to the
ideograph (or the letters) the document holds, and rebuilds the cross-reference table; the
drawn pages are untouched.
"""

from __future__ import annotations

import re
import unicodedata

# Radical forms that Noto CJK (SC, TC, JP; regular and bold) draws with an ideograph's glyph but
# that NFKC does not fold to that ideograph (measured with QRawFont over the fonts); the Kangxi
# radicals NFKC folds itself.
_FORMS = "⺂⺃⺅⺇⺉⺎⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺠⺡⺣⺦⺨⺩⺫⺭⺯⺰⺱⺲⺹⺺⺽⺾⻁⻂⻃⻅⻆⻇⻈⻉⻋⻌⻐⻑⻒⻓⻔⻕⻖⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⺋⺤⺮⺳⻊⻄⻍⻭⺿⻎"  # noqa: RUF001
_IDEOGRAPHS = "乛乚亻𠘨刂兀尣尢巳幺彑彐忄扌攵旡歺民氵灬丬犭𤣩罒礻糹纟罓罒耂肀𦥑艹虎衤覀见角𧢲讠贝车辶钅長镸长门𨸏阝青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀㔾爫𥫗㓁𧾷西辶歯艹辶"
EQUIVALENT: dict[str, tuple[str, ...]] = {form: (ideo,) for form, ideo in zip(_FORMS, _IDEOGRAPHS, strict=True)}
EQUIVALENT["⼾"] = ("户", "戶", "戸")  # noqa: RUF001 - the SC, TC and JP faces differ


def _suspect(ch: str) -> bool:
    cp = ord(ch)
    return 0x2E80 <= cp <= 0x2FDF or 0xFB00 <= cp <= 0xFB06


def printed(ch: str, text: str = "") -> str:
    """What a glyph that the writer mapped to ``ch`` stands for in a document holding ``text``."""
    if not _suspect(ch):
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    candidates = ([folded] if folded != ch else []) + list(EQUIVALENT.get(ch, ()))
    for candidate in candidates:
        if candidate in text:
            return candidate
    return candidates[0] if candidates else ch


def _utf16(s: str) -> str:
    return s.encode("utf-16-be").hex().upper()


def _unhex(h: bytes) -> str:
    return bytes.fromhex(h.decode()).decode("utf-16-be", errors="replace")


_HEX = rb"<([0-9A-Fa-f]+)>"
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)")
_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _parse_cmap(body: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", body, re.S):
        for lo, hi, dst in _RANGE.findall(block):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for i, h in enumerate(re.findall(_HEX, dst)):
                    mapping[lo + i] = _unhex(h)
            else:
                start = _unhex(dst[1:-1])
                for i in range(hi - lo + 1):
                    mapping[lo + i] = start[:-1] + chr(ord(start[-1]) + i) if start else ""
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", body, re.S):
        for src, dst in _CHAR.findall(block):
            mapping[int(src, 16)] = _unhex(dst)
    return mapping


def _write_cmap(body: bytes, mapping: dict[int, str]) -> bytes:
    """The same CMap with its mappings written as bfchar blocks (at most 100 entries each)."""
    start = min((body.find(k) for k in (b"beginbfrange", b"beginbfchar") if k in body), default=-1)
    start = body.rfind(b"\n", 0, start) + 1  # the count before the keyword
    end = body.find(b"endcmap")
    items = sorted(mapping.items())
    blocks = []
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        lines = "\n".join(f"<{src:04X}> <{_utf16(dst) or '0000'}>" for src, dst in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar\n")
    return body[:start] + "".join(blocks).encode("ascii") + body[end:]


def _fix_cmap(body: bytes, text: str) -> bytes | None:
    if b"beginbf" not in body:
        return None
    mapping = _parse_cmap(body)
    fixed = {src: "".join(printed(ch, text) for ch in dst) for src, dst in mapping.items()}
    if fixed == mapping:
        return None
    return _write_cmap(body, fixed)


def fix_text_layer(data: bytes, text: str = "") -> bytes:
    """``data`` (a PDF as Qt writes it: one body, one classic xref table) with every ToUnicode
    map pointing radicals and ligatures at the characters printed; ``text`` is the document's
    text, which chooses among equivalent ideographs. Returns ``data`` itself when there is
    nothing to fix or the file is not laid out as expected."""
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not found:
        return data
    xref_at = int(found.group(1))
    table = re.match(rb"xref\s+0 (\d+)\s*\n", data[xref_at:])
    if not table:
        return data
    count = int(table.group(1))
    rows_at = xref_at + table.end()
    offsets = []
    for n in range(count):
        row = data[rows_at + 20 * n : rows_at + 20 * n + 20]
        if len(row) < 18:
            return data
        offsets.append((int(row[:10]), row[11:16], row[17:18]))
    edits: list[tuple[int, int, bytes]] = []
    for ref in sorted({int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", data)}):
        if ref >= count or offsets[ref][2] != b"n":
            continue
        at = offsets[ref][0]
        head = re.match(rb"\d+ 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", data[at:])
        if not head:
            continue
        length = int(head.group(1))
        body_at = at + head.end()
        new = _fix_cmap(data[body_at : body_at + length], text)
        if new is None:
            continue
        edits.append((at + head.start(1), at + head.end(1), str(len(new)).encode()))
        edits.append((body_at, body_at + length, new))
    if not edits:
        return data
    out, shifts, pos = [], [], 0
    for start, end, new in sorted(edits):
        out += [data[pos:start], new]
        shifts.append((end, len(new) - (end - start)))
        pos = end
    body = b"".join(out) + data[pos:xref_at]

    def moved(offset: int) -> int:
        return offset + sum(delta for end, delta in shifts if end <= offset)

    rows = [f"{moved(o) if kind == b'n' else o:010d} {gen.decode()} {kind.decode()} \n" for o, gen, kind in offsets]
    trailer = data[rows_at + 20 * count : found.start()]
    return (
        body
        + f"xref\n0 {count}\n".encode()
        + "".join(rows).encode()
        + trailer
        + f"startxref\n{len(body)}\n%%EOF\n".encode()
    )
