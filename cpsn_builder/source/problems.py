"""A problem found in an input file, located by file and line, and the error that carries many."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ProblemsFound(Exception):
    """Raised with every problem at once, so a user fixes a file in one pass, not one error per run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory where possible."""
    try:
        return str(_resolved(path).relative_to(_resolved_folder(os.getcwd())))
    except ValueError:
        return str(path)


def _resolved(path: Path) -> Path:
    # Resolving walks every folder of the path; for thousands of files in one folder, walk the folder
    # once (a file that is itself a link is resolved in full, to where it points).
    path = Path(path)
    if path.name in ("", ".", "..") or ".." in path.parts or path.is_symlink():
        return path.resolve()
    return _resolved_folder(os.path.abspath(path.parent)) / path.name


@functools.lru_cache(maxsize=64)
def _resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()
