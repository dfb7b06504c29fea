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
    return root
