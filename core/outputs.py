"""Writing an output file: one guard (never an input, never an existing file unasked) and one
writer (a fresh temporary file in the target folder, flushed, checked, then renamed).

Core layer. Every output of the product — the Excel export, the corrected report, the findings
sheet PDF, the autosave — goes through :func:`write_output`, so that

- the draft, a file of a folder input, last year's report or a hard link to any of them is never
  written (compared by file identity, :func:`os.path.samefile`, not by name);
- a full disk, a read-only or missing folder or a name too long leaves the target as it was and
  no temporary file behind, and says so in plain Chinese (:class:`OutputError`);
- the temporary name is unpredictable and created exclusively (``tempfile``), so a planted
  symbolic link cannot redirect the write.

:func:`check_output` runs the same guard before any work starts (the command line calls it
before the check, so a bad output path is reported at once, not after a long batch).
"""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

NAME_MAX = 255  # bytes in one file name on ext4, NTFS (UTF-16 units there), APFS


class OutputError(OSError):
    """An output could not be written; ``message`` says why, in Chinese. The command line exits
    with ``ExitCode.OUTPUT`` (3), the window shows the message. An OSError, so that a caller
    that handles a failed write (``except OSError``) handles this one too."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _name(out: Path) -> str:
    return str(out)


def disk_message(out: Path, err: OSError) -> str:
    """What a failed write of ``out`` means for the user."""
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return f"磁盘空间不足，无法写入“{_name(out)}”。请清理磁盘或换一个保存位置后重试。"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有在“{out.parent}”中写入文件的权限（文件夹只读或受保护）。请换一个保存位置。"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"保存位置“{out.parent}”不存在。请先建立该文件夹，或换一个保存位置。"
    if code == errno.ENAMETOOLONG:
        return f"文件名过长，无法保存：“{out.name[:40]}…”。请换一个较短的文件名。"
    return f"无法写入“{_name(out)}”（{err.strerror or type(err).__name__}）。请换一个保存位置后重试。"


def is_one_of(out: str | Path, inputs: Iterable[str | Path]) -> bool:
    """Whether ``out`` is, by file identity, one of ``inputs`` (hard and symbolic links too)."""
    for item in inputs:
        item = Path(item)
        try:
            if os.path.samefile(out, item):
                return True
        except OSError:  # an input that is not there (any more) is not this output
            continue
    return False


def output_problem(out: str | Path, inputs: Iterable[str | Path] = (), force: bool = False) -> str | None:
    """Why ``out`` may not be written, or None. ``inputs`` are every file the command reads (the
    files of a folder input too, and last year's report)."""
    out = Path(out)
    if len(os.fsencode(out.name)) > NAME_MAX:
        return f"文件名过长，无法保存：“{out.name[:40]}…”。请换一个较短的文件名。"
    if out.is_dir():
        return f"“{out}”是一个文件夹，请指定输出文件的名称。"
    if os.path.lexists(out):
        if out.exists() and is_one_of(out, inputs):
            return f"输出文件不能是要读取的报告原稿（或上年报告）本身：{out}。原稿不会被修改；请换一个文件名。"
        if not force:
            return f"“{out}”已存在，未覆盖。如需覆盖请加 --force。"
        if out.exists() and not out.is_file():
            return f"“{out}”不是普通文件，无法写入。请换一个文件名。"
    parent = out.parent
    if not parent.is_dir():
        return f"保存位置“{parent}”不存在。请先建立该文件夹，或换一个保存位置。"
    try:  # the one sure test of a folder's permissions (root, network shares, read-only mounts)
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".nianbao-", suffix=".probe"):
            pass
    except OSError as err:
        return disk_message(out, err)
    return None


def check_output(out: str | Path, inputs: Iterable[str | Path] = (), force: bool = False) -> Path:
    """:func:`output_problem` as an exception: raises OutputError, returns ``out`` as a Path."""
    problem = output_problem(out, inputs, force)
    if problem:
        raise OutputError(problem)
    return Path(out)


def _looks_whole(path: Path, suffix: str) -> bool:
    """Is the written file what its writer meant to write (not empty, not cut short)?"""
    size = path.stat().st_size
    if size == 0:
        return False
    if suffix in (".docx", ".xlsx", ".docm"):
        try:
            with zipfile.ZipFile(path) as zf:
                return bool(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            return False
    if suffix == ".pdf":
        with path.open("rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
        return head == b"%PDF-" and b"%%EOF" in tail
    return True


def write_output(
    out: str | Path,
    write: bytes | Callable[[Path], object],
    inputs: Iterable[str | Path] = (),
    force: bool = True,
    durable: bool = True,
) -> Path:
    """Write ``out`` (``write``: its bytes, or a function that writes it) and rename it into place.

    Bytes are the way for anything that can be built in memory (a workbook, a document): a
    writer that fails half-way through its own file object can leave it to be closed, noisily,
    by the garbage collector. A function ``write`` gets the path of a fresh, empty temporary file beside ``out`` and writes the whole
    output there (by path: openpyxl, docxtpl and QPdfWriter all take one); a ``False`` return
    means the writer failed. The file is then flushed to disk (``durable``), checked and renamed
    over ``out`` with :func:`os.replace`. Raises OutputError for a refused or failed output;
    any other exception of ``write`` propagates. Either way no temporary file is left."""
    out = Path(out)
    problem = output_problem(out, inputs, force)
    if problem:
        raise OutputError(problem)
    try:
        handle = tempfile.NamedTemporaryFile(
            dir=out.parent, prefix=f".{out.stem[:60]}.", suffix=out.suffix, delete=False
        )
    except OSError as err:
        raise OutputError(disk_message(out, err)) from None
    handle.close()
    tmp = Path(handle.name)
    try:
        if isinstance(write, bytes):
            tmp.write_bytes(write)
        elif write(tmp) is False:
            raise OutputError(f"无法写入“{_name(out)}”：生成文件时出错（磁盘可能已满）。请检查磁盘空间后重试。")
        if durable:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        if not _looks_whole(tmp, out.suffix.lower()):
            raise OutputError(f"“{_name(out)}”没有完整写入（磁盘可能已满）。请检查磁盘空间后重试。")
        os.replace(tmp, out)
    except OutputError:
        raise
    except OSError as err:
        raise OutputError(disk_message(out, err)) from None
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
    return out
