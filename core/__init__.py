"""nianbao core: reading, the statutory table model, rules and rendering.

Pure Python layer. Nothing under ``core`` imports Qt; ``tests/test_layering.py`` enforces it.
"""

__version__ = "0.1.0"
