"""The tender evaluation's case worked by hand (README, "Evaluating tenders").

Two partners and two lots. A (a member) takes 60 WAN circuits and 2 internet gateways for all
60 months; B gave notice on 15 March 2014, so with 24 months' notice it is billed to March 2016:
48 months, for 50 circuits and 1 gateway. WAN's aggregate, 110 circuits, is in the 100-and-over
tier; every partner's baseline is derived from the catalogue's baseline prices.

Three bidders: Anglia Networks bids for both lots; Breckland Data for the WAN only, abnormally
low; Cam Telecom for both, failing a minimum quality mark on the internet lot, and tying with
Anglia on the WAN.
"""

from __future__ import annotations

from decimal import Decimal

from catalogue_builder import PROGRAMME as TEST_PROGRAMME
from catalogue_builder import load_case

from cpsn_builder.tenders.models import Bid, CriterionMarks, Issue, LinePrices, LotBid, Marks

# The test programme with a smaller envelope and no extension years.
PROGRAMME = TEST_PROGRAMME.replace("envelope: 40000000", "envelope: 2150000").replace("    extension_years: 2\n", "")
assert "2150000" in PROGRAMME and "extension_years" not in PROGRAMME

PARTNERS = """\
partners:
  - {id: a, name: County A, short_name: A, type: county, status: member}
  - {id: b, name: District B, short_name: B, type: district, status: withdrawing, notice_given: 2014-03-15}
"""

WAN = """\
id: wan
title: Wide area network
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
      - {from: 100, price: 3600}
    connection_charge: 1500
    low: 2800
    high: 4800
    baseline_price: 4800
"""

INTERNET = """\
id: internet
title: Internet access
order: 2
description: Internet gateways.
framework_lot: RM3808 Lot 2
questions:
  - {id: gateways, type: number, label: Gateways, unit: gateways, max: 100}
service_lines:
  - id: gateway
    title: Internet gateway
    unit: gateway
    quantity: gateways
    tiers:
      - {from: 1, price: 10000}
    connection_charge: 0
    low: 8000
    high: 12000
    baseline_price: 12000
"""

RESPONSES = {
    "a.yml": """\
        partner: a
        project: cpsn
        lots: [wan, internet]
        answers: {wan: {circuits: 60}, internet: {gateways: 2}}
    """,
    "b.yml": """\
        partner: b
        project: cpsn
        lots: [wan, internet]
        answers: {wan: {circuits: 50}, internet: {gateways: 1}}
    """,
}

ISSUE = Issue("CPSN procurement", "1.0", "t1", "digest", "not recorded")
D = Decimal


def load(root):
    return load_case(root, RESPONSES, programme=PROGRAMME, partners=PARTNERS, lots=(WAN, INTERNET))


def _bid(bidder: str, **lots: tuple[tuple[int, ...], int]) -> Bid:
    line_of = {"wan": "eth_100m", "internet": "gateway"}
    return Bid(
        bidder,
        f"{bidder}.xlsx",
        "0" * 64,
        ISSUE,
        tuple(
            LotBid(lot_id, (LinePrices(line_of[lot_id], tuple(D(p) for p in tiers), D(connection)),))
            for lot_id, (tiers, connection) in lots.items()
        ),
    )


BIDS = (
    _bid("Anglia Networks", wan=((4000, 3400), 1500), internet=((9000,), 0)),
    _bid("Breckland Data", wan=((2500, 2200), 500)),
    _bid("Cam Telecom", wan=((4050, 3389), 1550), internet=((8000,), 0)),
)

# Moderated marks per criterion Q1..Q6 (weights 20, 12, 10, 8, 5, 5; minimums 2, 2, 2, 2, 1, 1).
MODERATED = {
    ("Anglia Networks", "wan"): (4, 3, 3, 3, 3, 2),
    ("Cam Telecom", "wan"): (4, 3, 3, 3, 3, 2),
    ("Breckland Data", "wan"): (2, 2, 2, 2, 1, 1),
    ("Anglia Networks", "internet"): (3, 3, 3, 3, 2, 2),
    ("Cam Telecom", "internet"): (1, 3, 3, 3, 2, 2),
}


def marks(moderated: dict = MODERATED) -> Marks:
    return Marks(
        tuple(
            CriterionMarks(bidder, lot_id, f"Q{number}", (("J Smith", mark), ("A Patel", mark)), mark)
            for (bidder, lot_id), given in moderated.items()
            for number, mark in enumerate(given, 1)
        )
    )
