"""The command line as a user meets it: whole processes, start-up included, beside a bare Python.

`cpsn-builder --version`, the demo estimate, and the estimate over the demo scaled to 70, 700
and 7,000 responses written out as files (so YAML reading counts): median wall time and the
process's peak memory (the kernel's high-water mark of its resident set, VmHWM, read as it exits:
wait4's ru_maxrss would count the benchmark's own memory, inherited until the child execs) and the
CPU time it used: on a machine shared with other work, wall time includes waiting for a core and
CPU time does not.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scaled_files import write_scaled_demo

# The command as `python -m cpsn_builder` runs it, reporting its peak memory on the way out.
PEAK = (
    "import atexit, os, sys\n"
    "def _peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    os.write(2, ('\\nPEAK_KB ' + status.split('VmHWM:')[1].split()[0] + '\\n').encode())\n"
    "atexit.register(_peak)\n"
)
CLI = [sys.executable, "-c", PEAK + "from cpsn_builder.cli import main\nmain(sys.argv[1:], prog_name='cpsn-builder')"]
BARE = [sys.executable, "-c", PEAK]
DEMO = Path(__file__).resolve().parents[1] / "demo" / "responses"


def measure(command: list[str], repeats: int) -> tuple[float, float, float]:
    """(median wall seconds, largest peak MiB, median CPU seconds) over `repeats` runs of a whole process."""
    times, peaks, cpu = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {error[-500:]}")
        peaks.append(int(error.rsplit("PEAK_KB ", 1)[1].split()[0]) / 1024)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times), max(peaks), statistics.median(cpu)


def run() -> list[str]:
    lines = ["Command line: whole processes, median wall time (peak memory; CPU time), beside a bare Python"]
    bare = measure(BARE, 11)
    version = measure([*CLI, "--version"], 11)
    demo = measure([*CLI, "estimate", "--responses", str(DEMO)], 7)
    lines += [
        f"  python -c pass (the floor)               {bare[0] * 1000:7.0f} ms  ({bare[1]:4.0f} MiB; {bare[2] * 1000:5.0f} ms CPU)",
        f"  cpsn-builder --version                   {version[0] * 1000:7.0f} ms  ({version[1]:4.0f} MiB; {version[2] * 1000:5.0f} ms CPU)"
        f"   target <= 300 ms: {'met' if version[0] <= 0.3 else 'NOT met'}",
        f"  cpsn-builder estimate, demo (7)          {demo[0] * 1000:7.0f} ms  ({demo[1]:4.0f} MiB; {demo[2] * 1000:5.0f} ms CPU)"
        f"   target <= 600 ms: {'met' if demo[0] <= 0.6 else 'NOT met'}",
    ]
    folder = Path(tempfile.mkdtemp(prefix="cpsn-bench-cli-"))
    try:
        curve = []
        for factor, repeats in ((1, 5), (10, 5), (100, 3), (1000, 3)):
            catalogue, responses = write_scaled_demo(folder / f"x{factor}", factor)
            seconds, peak, cpu = measure([*CLI, "estimate", "--catalogue", str(catalogue), "--responses", str(responses)], repeats)
            count = len(list(responses.glob("*.yml")))
            curve.append((count, seconds, peak, cpu))
            lines.append(
                f"  estimate from files, {count:>5,} responses    {seconds * 1000:7.0f} ms  ({peak:4.0f} MiB; {cpu * 1000:5.0f} ms CPU)"
                f"  {(seconds - bare[0]) / count * 1000:6.2f} ms/response above the floor"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    largest = curve[-1]
    growth = (curve[-1][1] - curve[-2][1]) / (curve[-2][1] - curve[-3][1])
    lines.append(f"  700 -> 7,000: the extra time grows {growth:.1f}x for 10x the extra responses (linear is 10x)")
    lines.append(
        f"  {largest[0]:,} responses: {largest[1]:.1f} s ({largest[3]:.1f} s CPU), {largest[2]:.0f} MiB; target <= 10 s and <= 300 MiB: "
        f"{'met' if largest[1] <= 10 and largest[2] <= 300 else 'NOT met'}  (a bare Python process: {bare[0] * 1000:.0f} ms)"
    )
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    print("\n".join(run()))
