"""A LibreOffice kept running, converting documents to PDF one after another.

Run by a Python that has LibreOffice's UNO bridge (Debian's python3-uno, or the Python inside a
LibreOffice install), never imported by the package: it needs nothing but the standard library and
`uno`. `office.py` starts it and speaks to it one JSON line at a time on stdin and stdout:

    -> {"source": "/tmp/x/document.docx", "target": "/tmp/x/document.pdf"}
    <- {"ok": true}            or  {"ok": false, "error": "..."}

The first line it writes says whether LibreOffice started ({"ok": true, "ready": true}). When stdin
closes (its parent has finished or died) it shuts LibreOffice down and exits.

Why: starting LibreOffice costs about 1.5 s of the 2 s a conversion takes from the command line,
and a statement of requirements is converted twice (once to learn its headings' pages).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

START_TIMEOUT = 60  # seconds for LibreOffice to accept a connection
EXPORT_FILTERS = {  # the document service LibreOffice opened the file as -> its PDF export
    "com.sun.star.text.TextDocument": "writer_pdf_Export",
    "com.sun.star.sheet.SpreadsheetDocument": "calc_pdf_Export",
}


def _die_with_parent() -> None:
    """LibreOffice is killed when this worker is (Linux), so a killed worker leaves no office behind."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _property(name: str, value) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


RESTART = 81  # LibreOffice's exit status when a new profile needs it to start again


def _office_binary(program: str) -> str:
    """soffice.bin itself, not the launcher that forks it: killing this worker must reach LibreOffice."""
    binary = Path(os.path.realpath(program)).with_name("soffice.bin")
    return str(binary) if binary.is_file() else program


class Office:
    def __init__(self, program: str, folder: Path):
        self.pipe = f"cpsn-office-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.command = [
            _office_binary(program),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
        ]
        self.env = {**os.environ, "HOME": str(folder)}
        self.process = self._launch()
        self.desktop = self._connect()

    def _launch(self) -> subprocess.Popen:
        return subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=self.env,
            preexec_fn=_die_with_parent,
        )

    def _connect(self):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + START_TIMEOUT
        restarted = False
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            except NoConnectException:
                status = self.process.poll()
                if status == RESTART and not restarted:
                    self.process, restarted = self._launch(), True
                elif status is not None:
                    raise RuntimeError(f"LibreOffice exited with status {status} on start") from None
                if time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError(f"LibreOffice did not start within {START_TIMEOUT} s") from None
                time.sleep(0.05)

    def convert(self, source: str, target: str) -> None:
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (_property("Hidden", True), _property("ReadOnly", True))
        )
        if document is None:
            raise RuntimeError("LibreOffice could not open the file")
        try:
            export = next((f for service, f in EXPORT_FILTERS.items() if document.supportsService(service)), None)
            if export is None:
                raise RuntimeError("the file is neither a text document nor a spreadsheet")
            document.storeToURL(uno.systemPathToFileUrl(target), (_property("FilterName", export),))
        finally:
            document.close(True)

    def stop(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 (already gone: the process is killed below either way)
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(program: str) -> int:
    with tempfile.TemporaryDirectory(prefix="cpsn-office-") as folder:
        try:
            office = Office(program, Path(folder))
        except Exception as error:  # noqa: BLE001 (reported to the parent, which falls back to the command line)
            _say({"ok": False, "error": str(error)})
            return 1
        _say({"ok": True, "ready": True})
        try:
            for line in sys.stdin:
                request = json.loads(line)
                try:
                    office.convert(request["source"], request["target"])
                    _say({"ok": True})
                except Exception as error:  # noqa: BLE001 (UNO raises its own exception types)
                    _say({"ok": False, "error": getattr(error, "Message", "") or str(error) or type(error).__name__})
        finally:
            office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
