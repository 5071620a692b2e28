"""``python -m app``: the same as the ``nianbao`` command."""

from app.cli import entry

entry()
