"""YAML loading that remembers where every key and item came from.

Validation errors are only useful with a line number, and PyYAML drops positions once it has
built Python objects; so we compose the node tree, construct the data from it, and keep a map
from each path (keys and list indexes) to its 1-based line.

Floats are read as `Decimal` from their source text: money must never pass through binary floats.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, display_path

PathKey = tuple[Any, ...]


class _Loader(yaml.SafeLoader):
    pass


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "").lower()
    if text in (".inf", "+.inf", "-.inf", ".nan"):
        return Decimal(text.replace(".", ""))
    return Decimal(text)


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


@dataclass
class SourceDocument:
    """Data from one file, with the line of every path in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: PathKey) -> int:
        """The line of the deepest part of `loc` that exists in the file (1 when none does)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, loc: PathKey, message: str) -> Problem:
        return Problem(self.name, self.line_of(loc), message)


def load_yaml(path: Path) -> SourceDocument:
    """Read a YAML (or JSON) file; syntax errors and duplicate keys come back as problems."""
    doc = SourceDocument(path=path, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(doc.name, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the file as UTF-8"))
        return doc
    except OSError as exc:
        doc.problems.append(Problem(doc.name, 1, f"cannot read the file: {exc.strerror}"))
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.problems.append(Problem(doc.name, 1, "the file is empty: it should hold a YAML mapping"))
            return doc
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "malformed YAML"
        doc.problems.append(Problem(doc.name, line, f"malformed YAML: {what}; check indentation, colons and quotes"))
        return doc
    except (ValueError, ArithmeticError) as exc:  # a float our Decimal constructor could not read
        doc.problems.append(Problem(doc.name, 1, f"malformed number: {exc}"))
        return doc
    finally:
        loader.dispose()
    _walk(node, (), doc)
    return doc


def _walk(node: yaml.Node, path: PathKey, doc: SourceDocument) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                doc.problems.append(
                    Problem(doc.name, line, f"duplicate key '{key}' (first at line {seen[key]}): keep one of them")
                )
                continue
            seen[key] = line
            doc.lines[path + (key,)] = line
            _walk(value_node, path + (key,), doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), doc)
