"""Why an input could not be read as a report, in words a clerk can act on.

Core layer. Every unreadable input ends in a :class:`ReadError` with a stable ``code`` (for the
JSON output and tests) and a plain Chinese ``message`` that says what to do. The command line
prints the message and exits 2; the window shows it in a dialog.
"""

from __future__ import annotations

MESSAGES = {
    "not_found": "找不到文件：{name}。请确认文件位置和名称是否正确。",
    "is_directory": "“{name}”是一个文件夹，不是报告文件。请选择其中的报告文件（.docx、.pdf 或网页）。",
    "empty": "文件“{name}”是空的（0 字节），可能在保存或复制时出错。请重新获取报告原文件。",
    "unreadable": "无法打开文件“{name}”（{detail}）。请确认文件没有被其他程序占用，并且有读取权限。",
    "encrypted": "文件“{name}”设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中取消密码后另存为 .docx，再打开。",
    "legacy_doc": "文件“{name}”是旧版 Word（.doc）或 WPS（.wps）格式，无法直接读取。"
    "请在 Word 或 WPS 中打开它，选择“另存为”→“Word 文档（*.docx）”后再打开。",
    "rtf": "文件“{name}”是 RTF 格式，不是 .docx。请在 Word 或 WPS 中打开它，另存为 .docx 后再打开。",
    "pdf_scanned": "文件“{name}”是扫描或图片形式的 PDF，没有可读取的文字，无法核对其中的数字。"
    "请使用报告的 Word 原稿（.docx），或由 Word、WPS 直接导出的 PDF。",
    "pdf_unmapped": "文件“{name}”中的文字无法提取（PDF 的字体没有附带文字编码），无法核对其中的数字。"
    "请使用报告的 Word 原稿（.docx），或重新从 Word、WPS 导出 PDF。",
    "encrypted_pdf": "PDF 文件“{name}”设置了打开密码，无法读取。请取得无密码的文件后再打开。",
    "damaged_pdf": "PDF 文件“{name}”已损坏或不完整（可能在下载或复制时中断），无法读取。请重新获取报告原文件。",
    "not_html": "网页文件“{name}”无法读取（编码或内容无法识别）。请在浏览器中重新“另存为”网页（.html）后再打开。",
    "other_office": "文件“{name}”是 {detail} 文件，不是 Word 文档。请选择报告的 .docx 文件。",
    "not_docx": "文件“{name}”不是有效的 .docx 文档（可能是改了扩展名的其他文件）。请在 Word 或 WPS 中打开原稿，另存为 .docx 后再打开。",
    "damaged": "文件“{name}”已损坏或不完整（可能在下载或复制时中断），无法读取。请重新获取报告原文件；"
    "若 Word 能打开，请另存为新的 .docx 后再打开。",
    "not_text": "文件“{name}”不是可识别的文本文件。请使用 UTF-8 或 GBK 编码的纯文本，或直接打开报告的 .docx 原稿。",
    "no_tables": "在“{name}”中没有找到任何法定统计表（主动公开、依申请公开、行政复议和行政诉讼三张表）。"
    "请确认这是政府信息公开工作年度报告，并且表格是可编辑的表格。",
    "tables_are_pictures": "在“{name}”中没有找到可编辑的法定统计表，文档中的表格似乎是图片。"
    "请把三张统计表改为 Word 表格后再检查。",
    "too_large": "文件“{name}”过大或结构异常（{detail}），为安全起见没有读取。"
    "真实的年度报告不会这样；请确认文件来源，或在 Word、WPS 中打开后另存为新的 .docx 再检查。",
    "not_regular": "“{name}”不是普通文件（可能是设备或管道），无法读取。请选择报告文件本身。",
    "worker_failed": "检查“{name}”时处理过程意外中止（{detail}），可能是文件过大或结构异常。"
    "其他报告不受影响；请确认此文件来源，或在 Word、WPS 中另存后再检查。",
    "internal": "检查“{name}”时程序出现内部错误（{detail}）。您的文件没有被修改；请把此文件发给技术支持。",
}


class ReadError(Exception):
    def __init__(self, code: str, name: str, detail: str = ""):
        self.code, self.name, self.detail = code, name, detail
        self.message = MESSAGES[code].format(name=name, detail=detail)
        super().__init__(self.message)

    def __reduce__(self):  # crosses process boundaries in a parallel batch
        return ReadError, (self.code, self.name, self.detail)
