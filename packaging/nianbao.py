"""Entry script of the frozen executables (both the windowed one and its console twin)."""

from app.cli import entry

if __name__ == "__main__":
    entry()
