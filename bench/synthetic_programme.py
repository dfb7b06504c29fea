"""A catalogue folder with many synthetic partners, for the web benchmarks (load test, big dashboard)."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from cpsn_builder.catalogue import data_dir


def write_catalogue(root: Path, partners: int) -> Path:
    shutil.copytree(data_dir("catalogue"), root)
    records = [{"id": f"p{i:03d}", "name": f"Synthetic Council {i}", "short_name": f"SC {i}", "type": "district",
                "status": "member", "joined": "2010-06-01", "core_contribution": 10000} for i in range(partners)]
    (root / "partners.yml").write_text(yaml.safe_dump({"partners": records}, sort_keys=False))
    # The cabinet texts name the real councils; the synthetic programme's first partners stand in for them.
    cabinet = root / "documents" / "cabinet.yml"
    text = cabinet.read_text()
    for n, partner in enumerate(yaml.safe_load((data_dir("catalogue") / "partners.yml").read_text())["partners"]):
        text = text.replace(f"partner: {partner['id']}\n", f"partner: p{n:03d}\n").replace(f"lead: {partner['id']} ", f"lead: p{n:03d} ")
    cabinet.write_text(text)
    return root
