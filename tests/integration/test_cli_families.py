"""The command line hands games of other families to their own module (solvers.cli.families)."""

import pytest

from solvers.cli import families
from solvers.errors import CLIError


def test_an_unhandled_family_is_named_with_the_handled_ones(monkeypatch):
    monkeypatch.setattr(families, "FAMILY_MODULES", {"extensive": "solvers.cli.options"})
    with pytest.raises(CLIError, match=r"solve: games of the continuous family .*handled: normal-form, extensive\)"):
        families.family_command("continuous", "solve")


def test_a_missing_verb_lists_the_verbs_the_module_has(monkeypatch, tmp_path):
    mod = tmp_path / "fake_family_cli.py"
    mod.write_text("def solve(args, entry, game):\n    return 0\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(families, "FAMILY_MODULES", {"repeated": "fake_family_cli"})
    assert families.family_command("repeated", "solve")(None, None, None) == 0
    with pytest.raises(CLIError, match=r"graph: not available for repeated games \(available: solve\)"):
        families.family_command("repeated", "graph")
