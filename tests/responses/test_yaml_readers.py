"""The two ways a YAML file is read (libyaml's composer for files without anchors or aliases, PyYAML's
Python composer for the rest) and a machine without libyaml all give the same data, lines and problems."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from cpsn_builder.source import yaml_lines
from cpsn_builder.source.yaml_lines import SourceDocument, load_yaml

SHIPPED = sorted(p for folder in ("catalogue", "demo") for p in (REPO / folder).rglob("*.yml"))

HEAD = "partner: fenland\nproject: cpsn\n"
HOSTILE = {
    "alias.yml": HEAD + "lots: &x [cctv]\nnotes: *x\n",
    "deep-block.yml": HEAD + "".join("  " * n + f"k{n}:\n" for n in range(30)) + "  " * 30 + "v: 1\n",
    "deep-flow.yml": HEAD + "lots: " + "[" * 25 + "]" * 25 + "\n",
    "very-deep-flow.yml": HEAD + "lots: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-key.yml": HEAD + "? " + "[" * 25 + "a" + "]" * 25 + "\n: 1\n",
    "duplicate.yml": HEAD + "lots: [cctv]\nlots: [wan]\nanswers: {cctv: {cameras: 3, cameras: 4}}\n",
    "duplicate-deep.yml": HEAD + "lots: [cctv]\nlots: " + "[" * 25 + "]" * 25 + "\n",
    "malformed.yml": HEAD + "lots: [cctv\nanswers: {\n",
    "tab.yml": HEAD + "lots:\n\t- cctv\n",
    "empty.yml": "# nothing here\n",
    "two-documents.yml": HEAD + "---\n" + HEAD,
    "not-a-date.yml": HEAD + "joined: 2013-02-30\nspend: 1_000.50\nratio: .inf\n",
    "merge.yml": HEAD + "answers: {<<: {a: 1}, b: 2}\n",
    "ampersand.yml": HEAD + "name: Fire & Rescue\nnote: '*not an alias*'\n",
    "bom.yml": "\ufeff" + HEAD + "lots: [cctv]\n",
    "control-after-accents.yml": HEAD + "name: Café Café Café Café Café Café\nb: 1\nnote: bad\x07here\n",
    "tagged.yml": HEAD
    + "a: !!str 12\nb: !!set {x, y}\nc: !!omap [{k: 1}]\nd: !!binary aGVsbG8=\ne: {1: one, 2012-04-01: day, ~: none, yes: t}\n",
    "unknown-tag.yml": HEAD + "a: !!python/object:os.system {}\n",
    "too-many.yml": HEAD + "sites: [" + ", ".join(["x"] * (yaml_lines.MAX_ITEMS + 1)) + "]\n",
}


def _both(text: str, path: Path) -> tuple[SourceDocument, SourceDocument]:
    fast, careful = SourceDocument(path=path, data=None), SourceDocument(path=path, data=None)
    assert yaml_lines._read_fast(text, fast), "a well-formed file within the caps is read by libyaml"
    yaml_lines._read_carefully(text, careful)
    return fast, careful


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_libyaml_and_python_composers_read_the_shipped_files_alike(path):
    fast, careful = _both(path.read_text(encoding="utf-8"), path)
    assert (fast.data, fast.lines, fast.problems) == (careful.data, careful.lines, careful.problems)


def _problems(folder: Path) -> dict[str, list[str]]:
    return {name: [f"{p.line}: {p.message}" for p in load_yaml(folder / name).problems] for name in sorted(HOSTILE)}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_hostile_files_get_the_careful_readers_problems(hostile):
    for name in sorted(HOSTILE):
        text = (hostile / name).read_text(encoding="utf-8")
        careful = SourceDocument(path=hostile / name, data=None)
        try:
            yaml_lines._read_carefully(text, careful)
        except Exception:  # load_yaml turns these into problems; compare those below
            continue
        doc = load_yaml(hostile / name)
        if name == "merge.yml":
            assert not yaml_lines._fast_reading_fits(text)
        assert (doc.data, doc.lines, [p.message for p in doc.problems]) == (
            careful.data,
            careful.lines,
            [p.message for p in careful.problems],
        ), name


def test_refusals_say_what_and_where(hostile):
    found = _problems(hostile)
    assert "3: anchor '&x' refused" in found["alias.yml"][0] and "4: alias '*x' refused" in found["alias.yml"][1]
    for name in ("deep-block.yml", "deep-flow.yml", "very-deep-flow.yml", "deep-key.yml", "duplicate-deep.yml"):
        assert any("nested more than 20 levels deep" in p for p in found[name]), name
    assert found["duplicate.yml"] == [
        "4: duplicate key 'lots' (first at line 3): keep one of them",
        "5: duplicate key 'cameras' (first at line 5): keep one of them",
    ]
    assert any("more than the 100,000 allowed" in p for p in found["too-many.yml"])
    assert found["control-after-accents.yml"][0].startswith("5: the file holds a control character (code 0x07)")
    assert found["ampersand.yml"] == [] and found["bom.yml"] == [] and found["merge.yml"] == []


def test_without_libyaml_the_same_problems(hostile):
    """PyYAML built without libyaml (a wheel some platforms lack): the pure-Python parser, the same answers."""
    script = (
        "import sys, json\nsys.modules['yaml._yaml'] = None\n"
        "from pathlib import Path\nfrom cpsn_builder.source import yaml_lines\n"
        "assert not yaml_lines._LIBYAML\n"
        f"names = {sorted(HOSTILE)!r}\n"
        "print(json.dumps({n: [f'{p.line}: {p.message}' for p in yaml_lines.load_yaml(Path(sys.argv[1]) / n).problems] for n in names}))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(hostile)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    without = json.loads(done.stdout)
    with_libyaml = _problems(hostile)
    for name in sorted(HOSTILE):
        if any("malformed YAML" in p for p in with_libyaml[name]):  # the parsers word a syntax error
            # differently ("found character '\t' that cannot start any token"); both give its line
            assert [p.split(":")[0] for p in without[name]] == [p.split(":")[0] for p in with_libyaml[name]]
            continue
        assert without[name] == with_libyaml[name], name
