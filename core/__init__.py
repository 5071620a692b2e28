"""nianbao core: reading, the statutory table model, rules and rendering.

Pure Python layer. Nothing under ``core`` imports Qt; ``tests/test_layering.py`` enforces it.
"""

__version__ = "0.1.0"


class _Logger:
    """A module's logger that imports :mod:`logging` when it is first used: a check that logs
    nothing never loads it. Every attribute is the real logger's (``log.exception(...)``)."""

    def __init__(self, name: str):
        self.name = name

    def __getattr__(self, attr: str):
        import logging

        # Internal errors are logged (log.exception) for whoever configures logging — the window's
        # crash log, a test; with no handler Python's last resort would print the traceback on
        # stderr, so the ``core`` logger has a NullHandler before anything under it logs.
        root = logging.getLogger(__name__)
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return getattr(logging.getLogger(self.name), attr)


def logger(name: str) -> _Logger:
    """``logging.getLogger(name)`` for a ``core.…`` module, imported on first use."""
    return _Logger(name)
