"""A section's blocks as plain text in one box, and back, for the lead's editor.

Paragraphs are separated by a blank line; lines starting "- " make a bulleted list; a line
starting "## " is a sub-heading; "[table: partners]" or "[list: lots]" places what the document
writes from the estimate. Writing the blocks and reading them back gives the same blocks.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from ..catalogue.document_models import Block, Bullets, ListBlock, Subheading, TableBlock
from ..catalogue.document_models import ListName, TableName
from typing import get_args

TABLES, LISTS = get_args(TableName), get_args(ListName)
_PLACED = re.compile(r"^\[(table|list):\s*([a-z_]+)\]$")


def to_text(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {item}" for item in block.bullets))
        elif isinstance(block, Subheading):
            parts.append(f"## {block.heading}")
        elif isinstance(block, TableBlock):
            parts.append(f"[table: {block.table}]")
        elif isinstance(block, ListBlock):
            parts.append(f"[list: {block.list}]")
    return "\n\n".join(parts)


class MarkupError(ValueError):
    pass


def from_text(text: str) -> list[Block]:
    """Blocks from the editor's text; MarkupError says which paragraph is wrong and how to fix it."""
    blocks: list[Block] = []
    for number, chunk in enumerate((c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))), 1):
        if not chunk:
            continue
        lines = [line.strip() for line in chunk.split("\n")]
        placed = _PLACED.match(chunk)
        try:
            if placed:
                kind, name = placed.groups()
                allowed = TABLES if kind == "table" else LISTS
                if name not in allowed:
                    raise MarkupError(
                        f"paragraph {number}: there is no {kind} '{name}': use one of " + ", ".join(f"[{kind}: {a}]" for a in allowed)
                    )
                blocks.append(TableBlock(table=name) if kind == "table" else ListBlock(list=name))
            elif lines[0].startswith("## "):
                if len(lines) > 1:
                    raise MarkupError(f"paragraph {number}: a sub-heading is one line: leave a blank line after it")
                blocks.append(Subheading(heading=lines[0][3:].strip()))
            elif lines[0].startswith("- "):
                if not all(line.startswith("- ") for line in lines):
                    raise MarkupError(
                        f"paragraph {number}: start every line of a list with '- ', or leave a blank "
                        "line between the list and the paragraph"
                    )
                blocks.append(Bullets(bullets=[line[2:].strip() for line in lines]))
            else:
                blocks.append(" ".join(lines))
        except ValidationError as exc:
            raise MarkupError(f"paragraph {number}: {exc.errors()[0]['msg'].lower()}") from None
    if not blocks:
        raise MarkupError("enter the section's text")
    return blocks
