"""nianbao core: reading, the statutory table model, rules and rendering.

Pure Python layer. Nothing under ``core`` imports Qt; ``tests/test_layering.py`` enforces it.
"""

__version__ = "0.1.0"


def logger(name: str):
    """The logger ``name`` (a ``core.…`` module's ``__name__``), with :mod:`logging` imported on
    first use: a check that logs nothing never loads it.

    Internal errors are logged (log.exception) for whoever configures logging — the window's crash
    log, a test; with no handler Python's last resort would print the traceback on stderr, so the
    ``core`` logger always has a NullHandler before anything under it logs."""
    import logging

    root = logging.getLogger(__name__)
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
    return logging.getLogger(name)
