"""YAML loading that remembers where every key and item came from.

Validation errors are only useful with a line number, and PyYAML drops positions once it has
built Python objects; so we compose the node tree, construct the data from it, and keep a map
from each path (keys and list indexes) to its 1-based line.

Floats are read as `Decimal` from their source text: money must never pass through binary floats.

Scanning and parsing run in libyaml (PyYAML's C parser) when it is installed, about seven times
faster than PyYAML's pure-Python parser. A file with nothing that could be an anchor or alias (no
`&` or `*` starting a word) is also composed by libyaml, and its tree checked against the caps
below; any other file (or one with a merge key), or one over a cap, is composed by PyYAML's
Python Composer over the same C events, which decides the refusals and their lines. Without libyaml everything runs in Python.

Partners send these files to the lead, so they are untrusted: anchors and aliases are refused
(nine levels of nine aliases expand a 600-byte file to billions of nodes, and a self-referencing
alias never ends), and the size, nesting depth and length of every list or mapping are capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
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

    _LIBYAML = True
except ImportError:  # PyYAML built without libyaml: the same events, from pure Python
    _LIBYAML = False
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
            self.refusals.append(
                (line, f"alias '*{event.anchor}' refused: anchors and aliases are not allowed in these files; write the value out in full")
            )
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if getattr(event, "anchor", None):
            self.refusals.append(
                (line, f"anchor '&{event.anchor}' refused: anchors and aliases are not allowed in these files; write the value out in full")
            )
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
            self.refusals.append(
                (line, f"this {kind} has {len(node.value):,} entries, more than the {MAX_ITEMS:,} allowed: split the file")
            )
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


class _FastLoader(_Parser, SafeConstructor, Resolver):
    """libyaml composes the whole tree (the C Parser's own get_single_node): only for files in which
    no anchor or alias can occur, and only when the tree keeps to the caps (see _walk)."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def resolve(self, kind, value, implicit):
        # libyaml asks Python for every plain scalar's type, and thousands of response files repeat the
        # same keys and values: remember the short ones (implicit resolvers are the class's, never changed).
        if kind is not yaml.ScalarNode or not implicit[0] or len(value) > 40:
            return super().resolve(kind, value, implicit)
        key = (value, implicit[1])
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < 50_000:
                _RESOLVED[key] = tag
        return tag


_RESOLVED: dict[tuple[str, bool], str] = {}
_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"


_FastLoader.yaml_constructors = _Loader.yaml_constructors

# Something that could be an anchor (&name) or an alias (*name): the indicator at the start of a
# token. A false alarm (a plain "*word*") only sends the file down the Python composer.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[\]{},:\ufeff])[&*][^\s\[\]{},]")


def _fast_reading_fits(text: str) -> bool:
    """Whether libyaml may compose the file: no anchor or alias, and no merge key ('<<', which
    rewrites the tree as it is built, after the careful reading's checks)."""
    return _LIBYAML and "<<" not in text and not _ANCHOR_OR_ALIAS.search(text)


@dataclass
class SourceDocument:
    """Data from one file, with the line of every path in it."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def name(self) -> str:
        return display_path(self.path)  # resolves the path: once per file, not once per use

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
            doc.problems.append(
                Problem(
                    doc.name,
                    1,
                    f"the file is {size / 1024 / 1024:.1f} MB, more than the "
                    f"{MAX_FILE_BYTES // 1024 // 1024} MB allowed: split it into several files",
                )
            )
            return doc
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(Problem(doc.name, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the file as UTF-8"))
        return doc
    except OSError as exc:
        doc.problems.append(Problem(doc.name, 1, f"cannot read the file: {exc.strerror}"))
        return doc
    return parse_yaml(text, path, doc)


def parse_yaml(text: str, path: Path, doc: SourceDocument | None = None) -> SourceDocument:
    """Read YAML text that came from elsewhere (an upload, a stored version); `path` names it in problems."""
    doc = doc or SourceDocument(path=path, data=None)
    if len(text) > MAX_FILE_BYTES:
        doc.problems.append(
            Problem(doc.name, 1, f"the text is more than the {MAX_FILE_BYTES // 1024 // 1024} MB allowed: split it into several files")
        )
        return doc
    try:
        if not (_fast_reading_fits(text) and _read_fast(text, doc)):
            _read_carefully(text, doc)
    except _TooDeep as exc:
        doc.problems.append(_too_deep(doc, exc.line))
    except yaml.reader.ReaderError as exc:  # a control character: refused by either reader
        doc.problems.append(_control_character(doc, text, exc))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "malformed YAML"
        if "maximum nesting depth" in what:
            # libyaml's own limit (1,000 levels): its scanner reads ahead of our composer's limit
            doc.problems.append(_too_deep(doc, line))
        else:
            doc.problems.append(Problem(doc.name, line, f"malformed YAML: {what}; check indentation, colons and quotes"))
    except (ValueError, ArithmeticError) as exc:  # a constructor we did not foresee; never a traceback
        doc.problems.append(Problem(doc.name, 1, f"malformed value: {exc}"))
    return doc


_EMPTY = "the file is empty: it should hold a YAML mapping"


def _read_carefully(text: str, doc: SourceDocument) -> None:
    """PyYAML's Composer over the parser's events: refuses anchors and aliases, caps depth and sizes."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if loader.refusals:
            doc.problems += [Problem(doc.name, line, message) for line, message in loader.refusals]
            return
        if node is None:
            doc.problems.append(Problem(doc.name, 1, _EMPTY))
            return
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {}
    duplicates: list[Problem] = []
    _walk(node, (), lines, duplicates, doc.name)
    doc.data, doc.lines, doc.problems = data, lines, doc.problems + duplicates


def _read_fast(text: str, doc: SourceDocument) -> bool:
    """libyaml's composer, for a file with no anchor or alias; False (doc untouched) when the tree
    breaks a cap, so that the careful reading reports it as it always has."""
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.problems.append(Problem(doc.name, 1, _EMPTY))
            return True
        lines: dict[PathKey, int] = {}
        duplicates: list[Problem] = []
        try:
            # Each node takes at least a character of the file: more nodes than characters would
            # mean shared nodes, which only an alias makes. The walk builds the data as it goes.
            data = _walk(node, (), lines, duplicates, doc.name, budget=[len(text) + 1], loader=loader)
        except _OverCap:
            return False
    finally:
        loader.dispose()
    doc.data, doc.lines, doc.problems = data, lines, doc.problems + duplicates
    return True


class _OverCap(Exception):
    """A tree libyaml composed is deeper, wider or bigger than the careful composer allows."""


def _control_character(doc: SourceDocument, text: str, exc: yaml.reader.ReaderError) -> Problem:
    # The readers stop at the first character they refuse, so its first occurrence is where it is
    # (libyaml's exc.position counts UTF-8 bytes, not characters).
    at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    line = text.count("\n", 0, at if at >= 0 else exc.position) + 1
    return Problem(
        doc.name,
        line,
        f"the file holds a control character (code {exc.character:#04x}), often pasted from another program: delete it or retype the text",
    )


def _too_deep(doc: SourceDocument, line: int) -> Problem:
    return Problem(doc.name, line, f"nested more than {MAX_DEPTH} levels deep: these files never need that many; check the indentation")


def _walk(
    node: yaml.Node,
    path: PathKey,
    lines: dict[PathKey, int],
    duplicates: list[Problem],
    name: str,
    budget: list[int] | None = None,
    loader: SafeConstructor | None = None,
) -> Any:
    """Record the line of every path, and each duplicate key; with a budget (a tree libyaml composed),
    raise _OverCap where the careful composer would refuse or expand something. With a loader, also
    build and return the node's data, as the loader's construct_document would (plain mappings, lists
    and strings directly, which is most of a file; anything else through the loader's constructors):
    in one pass with the walk, the reading takes half the time PyYAML's constructor needs alone."""
    if budget is not None:
        budget[0] -= 1
        if (
            budget[0] < 0
            or len(path) >= MAX_DEPTH
            or (isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and len(node.value) > MAX_ITEMS)
        ):
            raise _OverCap
    lines.setdefault(path, node.start_mark.line + 1)
    build = loader is not None and node.tag in (_MAP, _SEQ)
    inner = loader if build else None
    if isinstance(node, yaml.MappingNode):
        data: Any = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if budget is not None and not isinstance(key_node, yaml.ScalarNode):
                raise _OverCap  # a list or mapping as a key: the careful composer checks its depth
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(Problem(name, line, f"duplicate key '{key}' (first at line {seen[key]}): keep one of them"))
                if budget is not None:
                    value = _walk(value_node, path + (key,), {}, [], name, budget, inner)  # still within the caps
                    if build:
                        data[_scalar(loader, key_node)] = value  # the later value, as PyYAML keeps
                continue
            seen[key] = line
            lines[path + (key,)] = line
            value = _walk(value_node, path + (key,), lines, duplicates, name, budget, inner)
            if build:
                data[_scalar(loader, key_node)] = value
    elif isinstance(node, yaml.SequenceNode):
        data = [_walk(item, path + (index,), lines, duplicates, name, budget, inner) for index, item in enumerate(node.value)]
    elif loader is not None:
        return _scalar(loader, node)
    else:
        return None
    if loader is not None and not build:
        return loader.construct_object(node, deep=True)  # a tagged collection (!!set, !!omap): PyYAML's own way
    return data if build else None


def _scalar(loader: SafeConstructor, node: yaml.Node) -> Any:
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    constructor = loader.yaml_constructors.get(node.tag)
    if constructor is None or not isinstance(node, yaml.ScalarNode):
        return loader.construct_object(node, deep=True)  # an unknown tag: PyYAML's error, with its mark
    return constructor(loader, node)
