"""The demo scaled up as files on disk: a catalogue whose partners are the demo's repeated, and a
response file for each copy, so a benchmark runs the whole command as a user does (YAML included)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from cpsn_builder.catalogue import data_dir


def write_scaled_demo(root: Path, factor: int) -> tuple[Path, Path]:
    """(catalogue folder, responses folder) with every demo partner and its response `factor` times."""
    catalogue, responses = root / "catalogue", root / "responses"
    shutil.copytree(data_dir("catalogue"), catalogue)
    partners = yaml.safe_load((catalogue / "partners.yml").read_text())["partners"]
    copies = [
        {**partner, "id": _copy_id(partner["id"], n, factor), "name": f"{partner['name']}{_suffix(n, factor)}"}
        for n in range(factor)
        for partner in partners
    ]
    (catalogue / "partners.yml").write_text(yaml.dump({"partners": copies}, Dumper=_NoAliases, sort_keys=False))
    responses.mkdir()
    for source in sorted((data_dir("demo") / "responses").glob("*.yml")):
        text = source.read_text()
        partner = re.search(r"^partner: (\S+)$", text, re.M).group(1)
        for n in range(factor):
            copy = _copy_id(partner, n, factor)
            (responses / f"{copy}.yml").write_text(re.sub(r"^partner: \S+$", f"partner: {copy}", text, count=1, flags=re.M))
    return catalogue, responses


class _NoAliases(yaml.SafeDumper):
    """The copies share their date objects; the catalogue refuses YAML aliases, so write each in full."""

    def ignore_aliases(self, data) -> bool:
        return True


def _copy_id(partner_id: str, n: int, factor: int) -> str:
    return partner_id if n == 0 else f"{partner_id}-{n}"  # the first copy keeps the ids the documents' texts name


def _suffix(n: int, factor: int) -> str:
    return "" if n == 0 else f" {n}"
