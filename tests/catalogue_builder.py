"""Write small catalogues to disk for tests: the worked example's, or one with a deliberate fault."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from cpsn_builder.catalogue import data_dir

PROGRAMME = """\
id: test
name: Test programme
board: Test board
partnership: Test partnership
catalogue_version: "t1"
projects:
  - id: cpsn
    title: CPSN procurement
    description: The procurement.
    procurement: true
    envelope: 40000000
    contract_start: 2012-04-01
    term_years: 5
    extension_years: 2
"""

PARTNERS = """\
partners:
  - {id: a, name: County A, short_name: A, type: county, status: member}
  - {id: b, name: District B, short_name: B, type: district, status: withdrawing, notice_given: 2013-03-15}
  - {id: c, name: Prospective C, short_name: C, type: district, status: prospective}
"""

WAN_LOT = """\
id: wan
title: WAN
order: 1
description: Site connectivity.
framework_lot: RM3808 Lot 1
questions:
  - {id: circuits, type: number, label: 100 Mbps circuits, unit: circuits, max: 10000}
service_lines:
  - id: eth_100m
    title: 100 Mbps Ethernet circuit
    unit: circuit
    quantity: circuits
    tiers:
      - {from: 1, to: 99, price: 4200}
      - {from: 100, to: 299, price: 3600}
      - {from: 300, price: 3000}
    connection_charge: 1500
    low: 2800
    high: 4800
    baseline_price: 4800
requirements:
  - {id: WAN-001, priority: Must, text: "Connect {{ demand.eth_100m | number }} sites."}
"""


def write_worked_example(root: Path) -> Path:
    """The catalogue of shared/worked-example.md: one lot, one line, three partners."""
    (root / "lots").mkdir(parents=True, exist_ok=True)
    (root / "programme.yml").write_text(PROGRAMME)
    (root / "partners.yml").write_text(PARTNERS)
    (root / "lots" / "wan.yml").write_text(WAN_LOT)
    return root


def copy_shipped(root: Path) -> Path:
    shutil.copytree(data_dir("catalogue"), root)
    return root


def write_response(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path
