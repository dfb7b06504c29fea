"""Files partners send are untrusted: aliases, huge or deeply nested files are refused with file:line, fast."""

from __future__ import annotations

import re

from click.testing import CliRunner

from catalogue_builder import copy_shipped
from cpsn_builder.cli import main
from cpsn_builder.source import yaml_lines

HEAD = "partner: fenland\nproject: cpsn\n"


def check(*paths):
    return CliRunner().invoke(main, ["responses", "check", *map(str, paths)])


def test_an_alias_bomb_is_refused_at_its_line_without_expanding(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):  # nine levels of nine aliases: 9**9 items if expanded
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    path = tmp_path / "bomb.yml"
    path.write_text(HEAD + "lots: [cctv]\nnotes:\n" + "".join(f"  {line}\n" for line in levels))
    result = check(path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "bomb.yml:5: anchor '&a0' refused: anchors and aliases are not allowed" in result.output
    assert "bomb.yml:6: alias '*a0' refused" in result.output and "bomb.yml:14: alias '*a8' refused" in result.output


def test_a_self_referencing_alias_is_refused_not_a_recursion_error(tmp_path):
    path = tmp_path / "self.yml"
    path.write_text(HEAD + "lots: &x [*x]\n")
    result = check(path)
    assert result.exit_code == 1 and "RecursionError" not in result.output and "Traceback" not in result.output
    assert "self.yml:3: anchor '&x' refused" in result.output and "self.yml:3: alias '*x' refused" in result.output


def test_aliases_in_a_catalogue_file_are_refused_too(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    path = root / "partners.yml"
    path.write_text(
        path.read_text().replace(
            "joined: 2010-06-01\n    core_contribution: 40000", "joined: &start 2010-06-01\n    core_contribution: 40000", 1
        )
    )
    result = CliRunner().invoke(main, ["catalogue", "check", str(root)])
    assert result.exit_code == 1
    assert re.search(r"partners.yml:10: anchor '&start' refused", result.output)


def test_deep_nesting_is_refused_with_its_line(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text(HEAD + "lots: " + "[" * 5000 + "]" * 5000 + "\n")
    result = check(path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "deep.yml:3: nested more than 20 levels deep" in result.output


def test_a_list_with_too_many_items_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_lines, "MAX_ITEMS", 50)  # the real cap is 100,000; the rule is the same
    path = tmp_path / "many.yml"
    path.write_text(HEAD + "lots: [cctv]\nsites:\n" + "  - {name: A, postcode: PE15 8NQ, service_line: camera_circuit}\n" * 51)
    result = check(path)
    assert result.exit_code == 1
    assert "many.yml:5: this list has 51 entries, more than the 50 allowed: split the file" in result.output


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yml"
    path.write_text(HEAD + "#" * (yaml_lines.MAX_FILE_BYTES + 1) + "\n")
    result = check(path)
    assert result.exit_code == 1
    assert "big.yml:1: the file is 10.0 MB, more than the 10 MB allowed" in result.output


def test_impossible_unquoted_dates_are_reported_each_at_its_line(tmp_path):
    root = copy_shipped(tmp_path / "cat")
    path = root / "partners.yml"
    text = path.read_text().replace("joined: 2010-06-01", "joined: 2013-02-30", 2)
    path.write_text(text)
    result = CliRunner().invoke(main, ["catalogue", "check", str(root)])
    assert result.exit_code == 1 and "malformed number" not in result.output
    assert re.search(r"partners.yml:10: .*'2013-02-30' is not a date", result.output)
    assert re.search(r"partners.yml:17: .*'2013-02-30' is not a date", result.output)


def test_a_raw_control_character_is_refused_at_its_line(tmp_path):
    """PyYAML's reader refuses these before parsing; it used to escape as a traceback."""
    early, late = tmp_path / "early.yml", tmp_path / "late.yml"
    early.write_text(HEAD + "lots: [cctv]\ncontact: {name: A\x07B}\n")
    late.write_text(HEAD + "lots: [cctv]\n" + "".join(f"# padding line {n}\n" for n in range(2000)) + "notes: \x1b[31m\n")
    for path, line in ((early, 4), (late, 2004)):
        result = check(path)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert f"{path.name}:{line}: the file holds a control character" in result.output, result.output
