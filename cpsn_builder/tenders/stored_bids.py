"""A bid as read, in the text the database keeps beside the returned workbook.

Reading a workbook checks every cell of the issued schedule: at the national scale that is seconds
a bid, and every page after closing needs every bid. The reading is made once, at upload, and kept;
pages load it. A reading made by an older reader (READER changed) or not made at all (bids received
before readings were kept) gives None, and the caller reads the workbook again.
"""

from __future__ import annotations

import json

from pydantic import TypeAdapter, ValidationError

from .models import Bid

# Changed whenever read_bid would give a different Bid for the same file, so that no page
# evaluates a bid as an older reader saw it.
READER = "1"

_BID = TypeAdapter(Bid)


def dump_bid(bid: Bid) -> str:
    """The bid as JSON text, prices as decimal strings exactly as read (no float on the way)."""
    return json.dumps({"reader": READER, "bid": _BID.dump_python(bid, mode="json")}, separators=(",", ":"))


def load_bid(text: str | None) -> Bid | None:
    """The bid kept by dump_bid, or None when there is none from this reader."""
    if not text:
        return None
    try:
        kept = json.loads(text)
        if not isinstance(kept, dict) or kept.get("reader") != READER:
            return None
        return _BID.validate_python(kept["bid"])
    except (ValueError, KeyError, ValidationError):
        return None
