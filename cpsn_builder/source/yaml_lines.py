"""YAML loading that remembers where every key and item came from.

Validation errors are only useful with a line number, and PyYAML drops positions once it has
built Python objects; so we compose the node tree, construct the data from it, and keep a map
from each path (keys and list indexes) to its 1-based line.

Floats are read as `Decimal` from their source text: money must never pass through binary floats.

Scanning and parsing run in libyaml (PyYAML's C parser) when it is installed, about seven times
faster than PyYAML's pure-Python parser; composing the node tree stays in Python (PyYAML's own
Composer, over the C parser's events), because the refusals below and the line of every node
are decided there. Without libyaml the same classes run on the pure-Python parser.

Partners send these files to the lead, so they are untrusted: anchors and aliases are refused
(nine levels of nine aliases expand a 600-byte file to billions of nodes, and a self-referencing
alias never ends), and the size, nesting depth and length of every list or mapping are capped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .problems import Problem, display_path

try:
    from yaml._yaml import CParser as _Parser  # libyaml's scanner and parser
except ImportError:  # PyYAML built without libyaml: the same events, from pure Python
    from yaml.parser import Parser as _PythonParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PythonParser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PythonParser.__init__(self)

PathKey = tuple[Any, ...]


MAX_FILE_BYTES = 10 * 1024 * 1024  # the largest real files (thousands of sites) are well under 1 MB
MAX_DEPTH = 20  # the formats nest five or six levels deep
MAX_ITEMS = 100_000  # entries in one list or mapping (sites, tiers, answers)


class _Loader(Composer, _Parser, SafeConstructor, Resolver):
    """A safe loader that refuses anchors and aliases and caps nesting and collection sizes.

    Problems are collected (with their lines) rather than raised, so every alias in a file is
    reported at once; an alias is composed as an empty value so nothing is ever expanded.
    Composer comes first, so its Python get_single_node (and compose_node below) runs rather
    than libyaml's own composer, which would resolve aliases before we could refuse them.
    """

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.refusals: list[tuple[int, str]] = []
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.refusals.append((line, f"alias '*{event.anchor}' refused: anchors and aliases are not allowed "
                                        "in these files; write the value out in full"))
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if getattr(event, "anchor", None):
            self.refusals.append((line, f"anchor '&{event.anchor}' refused: anchors and aliases are not allowed "
                                        "in these files; write the value out in full"))
            event.anchor = None
        if self._depth >= MAX_DEPTH:
            raise _TooDeep(line)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and len(node.value) > MAX_ITEMS:
            kind = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.refusals.append((line, f"this {kind} has {len(node.value):,} entries, more than the {MAX_ITEMS:,} "
                                        "allowed: split the file"))
            node.value = []
        return node


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def _decimal(loader: SafeConstructor, node: yaml.ScalarNode) -> Decimal | str:
    text = loader.construct_scalar(node).replace("_", "").lower()
    if text in (".inf", "+.inf", "-.inf", ".nan"):
        return Decimal(text.replace(".", ""))
    try:
        return Decimal(text)
    except ArithmeticError:  # e.g. YAML 1.1's sexagesimal 1:30.5; validation then says, at its line, what is wrong
        return node.value


def _timestamp(loader: SafeConstructor, node: yaml.ScalarNode):
    """A date-like scalar that is no real date (2013-02-30) stays text, so validation reports it at its own line."""
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


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
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc.problems.append(Problem(doc.name, 1, f"the file is {size / 1024 / 1024:.1f} MB, more than the "
                                                     f"{MAX_FILE_BYTES // 1024 // 1024} MB allowed: split it into several files"))
            return doc
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(doc.name, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the file as UTF-8"))
        return doc
    except OSError as exc:
        doc.problems.append(Problem(doc.name, 1, f"cannot read the file: {exc.strerror}"))
        return doc
    try:
        loader = _Loader(text)  # the reader refuses control characters here, before parsing
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_control_character(doc, text, exc))
        return doc
    try:
        node = loader.get_single_node()
        if loader.refusals:
            doc.problems += [Problem(doc.name, line, message) for line, message in loader.refusals]
            return doc
        if node is None:
            doc.problems.append(Problem(doc.name, 1, "the file is empty: it should hold a YAML mapping"))
            return doc
        doc.data = loader.construct_document(node)
    except _TooDeep as exc:
        doc.problems.append(_too_deep(doc, exc.line))
        return doc
    except yaml.reader.ReaderError as exc:  # found while reading on, past the first chunk
        doc.problems.append(_control_character(doc, text, exc))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "malformed YAML"
        if "maximum nesting depth" in what:
            # libyaml's own limit (1,000 levels): its scanner reads ahead of our composer's limit
            doc.problems.append(_too_deep(doc, line))
            return doc
        doc.problems.append(Problem(doc.name, line, f"malformed YAML: {what}; check indentation, colons and quotes"))
        return doc
    except (ValueError, ArithmeticError) as exc:  # a constructor we did not foresee; never a traceback
        doc.problems.append(Problem(doc.name, 1, f"malformed value: {exc}"))
        return doc
    finally:
        loader.dispose()
    _walk(node, (), doc)
    return doc


def _control_character(doc: SourceDocument, text: str, exc: yaml.reader.ReaderError) -> Problem:
    line = text.count("\n", 0, exc.position) + 1
    return Problem(doc.name, line, f"the file holds a control character (code {exc.character:#04x}), often pasted "
                                   "from another program: delete it or retype the text")


def _too_deep(doc: SourceDocument, line: int) -> Problem:
    return Problem(doc.name, line, f"nested more than {MAX_DEPTH} levels deep: "
                                   "these files never need that many; check the indentation")


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
