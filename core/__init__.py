"""nianbao core: reading, the statutory table model, rules and rendering.

Pure Python layer. Nothing under ``core`` imports Qt; ``tests/test_layering.py`` enforces it.
"""

import logging

__version__ = "0.1.0"

# Internal errors are logged (log.exception) for whoever configures logging — the window's crash
# log, a test; with no handler Python's last resort would print the traceback on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
