"""One LibreOffice per process, kept running between conversions (see office_worker.py).

Used when a Python with LibreOffice's UNO bridge is on the machine (Debian: python3-uno);
otherwise, or if the running office fails, `rendering` converts by starting LibreOffice each time.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import threading
import time
from functools import lru_cache
from pathlib import Path

WORKER = Path(__file__).with_name("office_worker.py")
START_TIMEOUT = 90  # seconds: the worker allows LibreOffice 60 to start
IDLE_SECONDS = 600.0  # after this long without a document the office is stopped (CPSN_OFFICE_IDLE_SECONDS)


class OfficeTimeout(RuntimeError):
    """The running LibreOffice took longer than allowed over one document (it has been stopped)."""


def _uno_pythons(program: str) -> list[str]:
    """Where a Python that can `import uno` usually is: beside LibreOffice, or the system's."""
    configured = os.environ.get("CPSN_UNO_PYTHON")
    if configured is not None:
        return [configured] if configured else []  # set but empty: never keep LibreOffice running
    beside = Path(os.path.realpath(program)).parent / "python"
    return [str(beside), "/usr/bin/python3", shutil.which("python3") or ""]


@lru_cache(maxsize=4)
def uno_python(program: str) -> str | None:
    for candidate in _uno_pythons(program):
        if candidate and os.access(candidate, os.X_OK):
            try:
                found = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if found.returncode == 0:
                return candidate
    return None


class _Worker:
    def __init__(self, python: str, program: str):
        self.pid = os.getpid()  # a forked child (gunicorn) must start its own, not share this one's pipes
        self.process = subprocess.Popen(
            [python, str(WORKER), program],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        try:
            started = self._reply(START_TIMEOUT)
        except (OfficeTimeout, RuntimeError, ValueError):
            self.stop(kill=True)
            raise RuntimeError("LibreOffice did not start") from None
        if not started.get("ok"):
            self.stop(kill=True)
            raise RuntimeError(started.get("error", "LibreOffice did not start"))

    def _reply(self, timeout: float) -> dict:
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not readable:
            raise OfficeTimeout(f"LibreOffice took more than {timeout:g} s")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the LibreOffice worker exited")
        return json.loads(line)

    def convert(self, source: Path, target: Path, timeout: float) -> dict:
        self.process.stdin.write(json.dumps({"source": str(source), "target": str(target)}) + "\n")
        self.process.stdin.flush()
        return self._reply(timeout)

    def alive(self) -> bool:
        return self.pid == os.getpid() and self.process.poll() is None

    def stop(self, kill: bool = False) -> None:
        if self.pid != os.getpid():
            return
        if not kill:
            try:
                self.process.stdin.close()  # the worker shuts LibreOffice down when its input ends
                self.process.wait(timeout=15)
                return
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.process.kill()  # LibreOffice dies with it (PR_SET_PDEATHSIG)
        self.process.wait()


_worker: _Worker | None = None
_lock = threading.Lock()  # one document at a time: the web app's threads share the office
_last_used = 0.0  # time.monotonic() of the last conversion
_idle_timer: threading.Timer | None = None


def idle_seconds() -> float:
    """How long the office may wait for its next document: each web worker holds one of about
    170 MiB, which a service that prints a few documents a day should not keep for ever."""
    configured = os.environ.get("CPSN_OFFICE_IDLE_SECONDS", "")
    try:
        return max(float(configured), 0.0) if configured else IDLE_SECONDS
    except ValueError:
        return IDLE_SECONDS


def convert(program: str, source: Path, target: Path, timeout: float) -> bool:
    """Print `source` to the PDF `target` in the running LibreOffice, starting it if need be.

    False when no running office can be used (no UNO bridge, or it failed: it is stopped, and the
    caller converts from the command line instead). Raises OfficeTimeout when a document takes
    longer than `timeout` seconds, as it would from the command line too.
    """
    global _worker
    python = uno_python(program)
    if python is None:
        return False
    with _lock:
        try:
            if _worker is None or not _worker.alive():
                _worker = _Worker(python, program)
            done = _worker.convert(source, target, timeout)
        except OfficeTimeout:
            _worker.stop(kill=True)
            _worker = None
            raise
        except (OSError, RuntimeError, ValueError):
            _stop()
            return False
        if not done.get("ok"):
            _stop()  # a document it cannot open may have left it in a bad state
            return False
        _stop_when_idle()
        return target.is_file()


def _stop_when_idle() -> None:
    """(Re)arm the timer that stops the office once no document has come for idle_seconds()."""
    global _idle_timer, _last_used
    _last_used = time.monotonic()
    if _idle_timer is not None:
        _idle_timer.cancel()
    _idle_timer = threading.Timer(idle_seconds(), _stop_if_idle)
    _idle_timer.daemon = True  # never keeps a command from exiting
    _idle_timer.start()


def _stop_if_idle() -> None:
    with _lock:
        # A conversion may have come while this timer waited for the lock: it armed a later one.
        if time.monotonic() - _last_used >= idle_seconds():
            _stop()


def _stop() -> None:
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def stop() -> None:
    """Shut the running LibreOffice down (at exit, and for tests that count processes)."""
    with _lock:
        _stop()


atexit.register(stop)
