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


# The worked example's responses: A states its spend, B's baseline is derived, C is prospective.
WORKED_RESPONSES = {
    "a.yml": """\
        partner: a
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 250}}
        current_spend: {wan: 1150000}
        max_contribution: 50000
    """,
    "b.yml": """\
        partner: b
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 40}}
    """,
    "c.yml": """\
        partner: c
        project: cpsn
        lots: [wan]
        answers: {wan: {circuits: 15}}
    """,
}


def write_catalogue(root: Path, *, programme: str = PROGRAMME, partners: str = PARTNERS, lots: tuple[str, ...] = (WAN_LOT,)) -> Path:
    """A small catalogue: the worked example's unless a test gives its own programme, partners or lots."""
    (root / "lots").mkdir(parents=True, exist_ok=True)
    (root / "programme.yml").write_text(programme)
    (root / "partners.yml").write_text(partners)
    for text in lots:
        lot_id = text.split("\n", 1)[0].removeprefix("id:").strip()
        (root / "lots" / f"{lot_id}.yml").write_text(text)
    return root


def load_case(root: Path, responses: dict[str, str], **catalogue):
    """Write a catalogue and response files under root, and load both as the CLI would."""
    from cpsn_builder.catalogue import load_catalogue
    from cpsn_builder.responses import load_responses

    loaded = load_catalogue(write_catalogue(root / "catalogue", **catalogue))
    for name, text in responses.items():
        write_response(root / "responses", name, text)
    return loaded, load_responses([root / "responses"], loaded)


# WAN with a follow-up question: 1 Gbps circuits are asked only of a partner that needs them.
# The 1 Gbps line comes first, so a line nobody buys sits before one that is priced.
WAN_TWO_LINES = """\
id: wan
title: WAN
order: 1
description: Site connectivity.
framework_lot: RM3808 Lot 1
questions:
  - {id: needs_gig, type: checkbox, label: Needs 1 Gbps circuits}
  - {id: gig_circuits, type: number, label: 1 Gbps circuits, unit: circuits, max: 1000, depends: {question: needs_gig}}
  - {id: circuits, type: number, label: 100 Mbps circuits, unit: circuits, max: 10000}
service_lines:
  - id: eth_1g
    title: 1 Gbps Ethernet circuit
    unit: circuit
    quantity: gig_circuits
    tiers:
      - {from: 1, to: 9, price: 9000}
      - {from: 10, price: 8000}
    connection_charge: 2000
    low: 7000
    high: 11000
    baseline_price: 10000
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

CCTV_LOT = """\
id: cctv
title: CCTV transmission
order: 2
description: Camera circuits.
framework_lot: RM3808 Lot 2
questions:
  - {id: cameras, type: number, label: Cameras, unit: cameras, max: 1000}
service_lines:
  - id: camera_circuit
    title: Camera circuit
    unit: camera
    quantity: cameras
    tiers:
      - {from: 1, to: 49, price: 1000}
      - {from: 50, price: 900}
    connection_charge: 0
    low: 800
    high: 1200
    baseline_price: 1100
requirements:
  - {id: CCTV-001, priority: Must, text: "Carry {{ demand.camera_circuit | number }} cameras."}
"""

VOICE_LOT = """\
id: voice
title: Voice
order: 3
description: Telephony.
framework_lot: RM3808 Lot 3
questions:
  - {id: lines, type: number, label: Lines, unit: lines, max: 1000}
service_lines:
  - id: voice_line
    title: Voice line
    unit: line
    quantity: lines
    tiers:
      - {from: 1, price: 100}
    connection_charge: 0
    low: 90
    high: 110
    baseline_price: 120
requirements:
  - {id: VOICE-001, priority: Must, text: "Provide {{ demand.voice_line | number }} lines."}
"""
