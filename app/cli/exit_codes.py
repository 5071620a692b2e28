"""Exit status of every ``nianbao`` command (spec section 5)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # every file read, no error finding
    FINDINGS = 1  # some error finding
    UNREADABLE = 2  # some input could not be read as a report, or the command line was wrong
    OUTPUT = 3  # an output could not be written: it exists (without --force), is an input, or the disk refused
    INTERRUPTED = 130  # Ctrl+C


def worst(codes) -> ExitCode:
    """The status of several files together: an unreadable one wins over findings."""
    return ExitCode(max(codes, default=ExitCode.OK))
