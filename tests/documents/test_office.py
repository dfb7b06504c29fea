"""The LibreOffice kept running between conversions: it prints what the command line prints, a
crashed or stuck one is replaced, and it leaves nothing running behind it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cpsn_builder.documents import office, rendering
from cpsn_builder.documents.cabinet_report import build_cabinet_report
from cpsn_builder.documents.pricing_schedule import build_pricing_schedule

PROGRAM = rendering.soffice()

pytestmark = pytest.mark.skipif(
    PROGRAM is None or office.uno_python(PROGRAM) is None,
    reason="LibreOffice with its Python bridge is needed: apt-get install libreoffice-writer-nogui python3-uno",
)


@pytest.fixture
def documents(inputs, tmp_path) -> dict[str, Path]:
    files = {"report.docx": build_cabinet_report(inputs), "schedule.xlsx": build_pricing_schedule(inputs)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in files}


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _offices() -> list[int]:
    """Process ids of this test process's kept LibreOffice (the worker's child)."""
    worker = office._worker
    if worker is None:
        return []
    found = subprocess.run(["pgrep", "-P", str(worker.process.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in found.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def _printed_alone(source: Path, folder: Path) -> str:
    """The text of the PDF that a LibreOffice started for this file alone prints."""
    folder.mkdir(exist_ok=True)
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    rendering._convert_by_command(PROGRAM, folder, copy, 120)
    return _text(copy.with_suffix(".pdf"))


@pytest.mark.slow
def test_the_kept_office_prints_a_word_file_as_a_libreoffice_of_its_own_does(documents, tmp_path):
    report = documents["report.docx"]
    assert office.convert(PROGRAM, report, tmp_path / "kept.pdf", 120)
    assert _text(tmp_path / "kept.pdf") == _printed_alone(report, tmp_path / "alone")
    assert "£" in _text(tmp_path / "kept.pdf")


@pytest.mark.slow
def test_without_the_bridge_a_spreadsheet_is_printed_from_the_command_line_as_the_kept_office_prints_it(documents, tmp_path, monkeypatch):
    schedule = documents["schedule.xlsx"]
    assert office.convert(PROGRAM, schedule, tmp_path / "kept.pdf", 120)
    office.stop()
    monkeypatch.setenv("CPSN_UNO_PYTHON", "")
    office.uno_python.cache_clear()
    try:
        pdf = rendering._convert(schedule.read_bytes(), ".xlsx", 120)
        assert office._worker is None  # nothing kept running
    finally:
        office.uno_python.cache_clear()
    (tmp_path / "alone.pdf").write_bytes(pdf)
    assert _text(tmp_path / "alone.pdf") == _text(tmp_path / "kept.pdf")
    assert "£" in _text(tmp_path / "kept.pdf")


@pytest.mark.slow
def test_one_office_serves_document_after_document_and_stops_cleanly(documents, tmp_path):
    for name, source in documents.items():
        assert office.convert(PROGRAM, source, tmp_path / f"{name}.pdf", 120), name
    worker, offices = office._worker.process.pid, _offices()
    assert len(offices) == 1  # both files went through one LibreOffice
    office.stop()
    time.sleep(0.5)
    assert not _alive(worker) and not _alive(offices[0])


@pytest.mark.slow
def test_a_crashed_office_is_replaced_and_the_document_still_printed(documents, tmp_path):
    report = documents["report.docx"]
    assert office.convert(PROGRAM, report, tmp_path / "1.pdf", 120)
    [first] = _offices()
    os.kill(first, signal.SIGKILL)
    # That document goes by the command line (the dead office is stopped), the next to a new office,
    # which a document over its time then stops.
    assert rendering._convert(report.read_bytes(), ".docx", 120).startswith(b"%PDF")
    assert office.convert(PROGRAM, report, tmp_path / "3.pdf", 120)
    [second] = _offices()
    assert second != first
    with pytest.raises(rendering.RenderingUnavailable, match="took more than 0.001 s"):
        rendering._convert(report.read_bytes(), ".docx", 0.001)
    time.sleep(0.5)
    assert not _alive(second) and office._worker is None


@pytest.mark.slow
def test_an_idle_office_is_stopped_and_the_next_document_starts_another(documents, tmp_path, monkeypatch):
    monkeypatch.setenv("CPSN_OFFICE_IDLE_SECONDS", "1")
    report = documents["report.docx"]
    assert office.convert(PROGRAM, report, tmp_path / "1.pdf", 120)
    worker, [first] = office._worker.process.pid, _offices()
    deadline = time.monotonic() + 30
    while office._worker is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert office._worker is None, "the office was still running long after its idle time"
    time.sleep(0.5)
    assert not _alive(worker) and not _alive(first)
    assert office.convert(PROGRAM, report, tmp_path / "2.pdf", 120)
    assert _text(tmp_path / "2.pdf") == _text(tmp_path / "1.pdf")
    [second] = _offices()
    assert second != first
