"""Starting the window: application names, translations, crash hook, files from the command line.

GUI layer. ``run`` is what ``nianbao`` (no subcommand, or file paths — which is how a file dropped
onto the executable arrives) calls. ``nianbao --screenshot OUT.png FILE`` opens FILE, renders the
window at 1366×768 to a PNG and exits (a folder: the batch view; ``--print-preview``: the sheet's
print preview).
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

SCREENSHOT_SIZE = (1366, 768)  # the screens clerks have


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(settings.ORGANIZATION)
        QApplication.setApplicationName(settings.APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("年报校核")
        app.setWindowIcon(QIcon(str(resource("icons", "nianbao.png"))))
        install_translations(app)
    return app


def translation_folders() -> list[str]:
    """Where Qt's Chinese catalogue may be: Qt's own folder, and a frozen build's bundled copy."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders += [str(Path(frozen) / "PySide6" / "Qt" / "translations"), str(Path(frozen) / "translations")]
    return folders


def install_translations(app: QApplication) -> bool:
    """Qt's own texts (buttons, print preview, file dialog) in Chinese, and Chinese number and
    date formats; True if Qt's catalogue was found."""
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(china)
    for folder in translation_folders():
        translator = QTranslator(app)
        if translator.load(china, "qtbase", "_", folder):
            app.installTranslator(translator)
            app.qt_translator = translator  # kept alive with the application
            return True
    return False


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


def screenshot(out: str, path: str, preview: bool = False) -> int:
    """Render the window with ``path`` loaded into ``out`` (PNG) and return an exit status; a
    folder renders the batch view, ``preview`` the print preview of the findings sheet. No dialog
    is ever shown: what would be one is printed on standard error."""
    from gui.main_window import MainWindow

    application()
    dialogs.ask_restore = lambda *a, **k: False  # a screenshot shows the draft as it is
    dialogs.error = lambda parent, title, message: sys.stderr.write(f"{title}：{message}\n")
    dialogs.info = lambda *a, **k: None
    window = MainWindow()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if Path(path).is_dir():
        batch = window.open_batch([path])
        if batch is None:
            return 2
        if not batch.results:
            _wait(120_000, batch.finished)
        batch.resize(*SCREENSHOT_SIZE)
        batch.table.selectRow(0)
        QApplication.processEvents()
        ok = batch.grab().save(out, "PNG")
        batch.close()
        window.hide()
        return 0 if ok else 2
    if not wait_opened(window.open_path(path)):
        return 2
    # the window has chosen the first finding (a diagnosis leads the list, then errors, then
    # warnings) and rendered the report pane when the read came back
    QApplication.processEvents()
    if window.source.isTabVisible(1):
        _wait(1500)  # QtPdf renders its pages in a worker thread
    if preview:
        from gui import printing

        html = window.sheet_html()
        dialog = dialogs.preview_dialog(window, lambda printer: printing.print_html(html, printer))
        dialog.resize(*SCREENSHOT_SIZE)
        dialog.show()
        for _ in range(3):
            QApplication.processEvents()
        ok = dialog.grab().save(out, "PNG")
        dialog.hide()
    else:
        ok = window.grab().save(out, "PNG")
    window.review.close()
    window.hide()
    return 0 if ok else 2


def wait_opened(opening, ms: int = 600_000) -> bool:
    """Let Qt work until an opening (:meth:`MainWindow.open_path`) is done; True if the window
    shows the report (None, an opening refused at once: False)."""
    if opening is None:
        return False
    if not opening.done:
        _wait(ms, opening.finished)
    return bool(opening.ok)


def _wait(ms: int, until=None) -> None:
    """Let Qt work for ``ms`` milliseconds, or until the signal ``until`` comes."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer(loop, singleShot=True, interval=ms)  # dies with the loop
    timer.timeout.connect(loop.quit)
    if until is not None:
        until.connect(loop.quit)
    timer.start()
    loop.exec()


def run(argv: list[str]) -> int:
    if argv and argv[0] == "--screenshot":
        preview = argv[3:] == ["--print-preview"]
        if len(argv) != 3 and not preview:
            sys.stderr.write(
                "用法：nianbao --screenshot 输出.png 报告.docx [--print-preview]\n"
                "　　　nianbao --screenshot 输出.png 文件夹（批量检查）\n"
            )
            return 2
        if not Path(argv[2]).exists():
            sys.stderr.write(f"找不到文件：{argv[2]}\n")
            return 2
        return screenshot(argv[1], argv[2], preview)
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
