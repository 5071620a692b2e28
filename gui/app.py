"""Starting the window: application names, translations, crash hook, files from the command line.

GUI layer. ``run`` is what ``nianbao`` (no subcommand, or file paths — which is how a file dropped
onto the executable arrives) calls. ``nianbao --screenshot OUT.png FILE`` opens FILE, renders the
window at 1600×1000 to a PNG and exits.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from core.paths import resource
from gui import dialogs, settings

SCREENSHOT_SIZE = (1600, 1000)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(settings.ORGANIZATION)
        QApplication.setApplicationName(settings.APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("年报校核")
        app.setWindowIcon(QIcon(str(resource("icons", "nianbao.png"))))
        translator = QTranslator(app)
        if translator.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(translator)
    return app


def install_crash_hook() -> None:
    """Log an unexpected error beside the settings and show it; edits are already autosaved."""

    def hook(exc_type, exc, tb) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log = settings.crash_log()
        try:
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"==== {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}\n")
        except OSError:
            pass
        try:
            saved = not any(
                w.isVisible() and getattr(getattr(w, "review", None), "autosave_error", None)
                for w in QApplication.topLevelWidgets()
            )
            dialogs.show_crash(QApplication.activeWindow(), details, str(log), saved=saved)
        except Exception:  # the dialog itself must never raise from inside the hook
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def screenshot(out: str, path: str) -> int:
    """Render the window with ``path`` loaded into ``out`` (PNG) and return an exit status."""
    from gui.main_window import MainWindow

    application()
    dialogs.ask_restore = lambda *a, **k: False  # a screenshot shows the draft as it is
    window = MainWindow()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if not window.open_path(path):
        return 2
    errors = [i for i, f in enumerate(window.findings_view.model.findings) if f.severity == "error"]
    window.findings_view.select_row(errors[0] if errors else 0)
    QApplication.processEvents()
    window.document_view.refresh()
    QApplication.processEvents()
    ok = window.grab().save(out, "PNG")
    window.review.close()
    window.close()
    return 0 if ok else 2


def run(argv: list[str]) -> int:
    if argv and argv[0] == "--screenshot":
        if len(argv) != 3:
            sys.stderr.write("用法：nianbao --screenshot 输出.png 报告.docx\n")
            return 2
        return screenshot(argv[1], argv[2])
    from gui.main_window import MainWindow

    app = application()
    install_crash_hook()
    window = MainWindow()
    window.show()
    files = [a for a in argv if not a.startswith("-")]
    if len(files) == 1 and not Path(files[0]).is_dir():
        window.open_path(Path(files[0]))
    elif files:  # several files, or a folder, dropped onto the executable
        window.open_batch(files)
    return app.exec()
