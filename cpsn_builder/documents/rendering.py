"""Rendering documents through LibreOffice: a PDF beside each Word file, and the page each heading
lands on (for the contents' page numbers), read from the PDF's outline."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from . import office

INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-liberation)"


class RenderingUnavailable(RuntimeError):
    """LibreOffice is not installed, or could not convert the document."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# The last few conversions, by the document's bytes: documents are built reproducibly, so an
# unchanged statement of requirements downloaded again (or built again for its contents' page
# numbers) is the same file, and LibreOffice's seconds are spent once per process.
_RECENT: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_RECENT_SIZE = 8
_RECENT_LOCK = threading.Lock()  # the web app's threads share the cache


def to_pdf(data: bytes, suffix: str = ".docx", timeout: int = 180) -> bytes:
    """The document as LibreOffice prints it to PDF."""
    key = (hashlib.sha256(data).hexdigest(), suffix)
    with _RECENT_LOCK:
        if key in _RECENT:
            _RECENT.move_to_end(key)
            return _RECENT[key]
    pdf = _convert(data, suffix, timeout)
    with _RECENT_LOCK:
        _RECENT[key] = pdf
        if len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return pdf


def _convert(data: bytes, suffix: str, timeout: int) -> bytes:
    program = soffice()
    if program is None:
        raise RenderingUnavailable(f"LibreOffice is not installed, so no PDF can be made: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="cpsn-render-") as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        pdf = work / "document.pdf"
        try:
            kept_running = office.convert(program, source, pdf, timeout)
        except office.OfficeTimeout:
            raise RenderingUnavailable(f"LibreOffice took more than {timeout} s to convert the document") from None
        if not kept_running:
            _convert_by_command(program, work, source, timeout)
        return pdf.read_bytes()


def _convert_by_command(program: str, work: Path, source: Path, timeout: int) -> None:
    """One LibreOffice started for this document alone, with a profile of its own (two at once must not share one)."""
    command = [
        program,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        str(source),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, env={**os.environ, "HOME": str(work)})
    except subprocess.TimeoutExpired:
        raise RenderingUnavailable(f"LibreOffice took more than {timeout} s to convert the document") from None
    if not source.with_suffix(".pdf").is_file():
        detail = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RenderingUnavailable(f"LibreOffice could not convert the document: {detail[0]}")


def heading_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(heading, page) for every entry of the PDF's outline, in order; LibreOffice writes headings there."""
    from pypdf import PdfReader  # only documents with contents need it

    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((" ".join(str(item.title).split()), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


class _Placeholders(dict):
    """Page numbers for a first build: two digits each, so the contents take the space they will."""

    def __missing__(self, key):
        return 88


def with_page_numbers(build) -> tuple[bytes, bool]:
    """Build a document twice: once to see where LibreOffice puts its headings, once with those pages.

    `build(pages)` takes a mapping from heading text to page number, or None when pages are
    unknown. Returns the document and whether its page numbers were filled in.
    """
    if soffice() is None:
        return build(None), False
    pages = dict(heading_pages(to_pdf(build(_Placeholders()))))
    return build(pages), True
