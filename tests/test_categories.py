"""The category file: one place for every category fact, checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.analysis.intensity import default_scale
from parley.categories import CAMEO_ROOT, FILE, PLOVER, QUAD, SYMMETRIC, CategoryFileError, load
from parley.store.tables import QUAD as TABLE_QUAD


def test_every_module_reads_the_same_facts() -> None:
    cats, status = load(FILE)
    assert list(cats) == list(PLOVER) and {"AGREE", "CONSULT", "COOPERATE"} == SYMMETRIC
    assert CAMEO_ROOT["ASSAULT"] == "18" and CAMEO_ROOT["CONCEDE"] == CAMEO_ROOT["RETREAT"] == "08"
    assert TABLE_QUAD is QUAD and QUAD["ACCUSE"] == 3 and QUAD["AID"] == 2
    assert default_scale().category == {c.name: c.intensity for c in cats.values()}
    assert status["intended"] == "planned" and status["negated"] == "real"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[category.ASSAULT]", "[category.HUG]", "missing \\['ASSAULT'\\], unknown \\['HUG'\\]"),
        ('cameo = "18"', 'cameo = "XVIII"', "cameo must be two digits"),
        ("quad = 1\nsymmetric = true\nintensity = 3.0", "quad = 5\nsymmetric = true\nintensity = 3.0", "quad 1-4"),
        ("intensity = -9.5", "intensity = -12", "intensity in"),
        ('hypothetical = "planned"', 'hypothetical = "maybe"', "\\[status\\]"),
        ("quad = 4\nsymmetric = false\nintensity = -9.5", "symmetric = false\nintensity = -9.5", "needs cameo"),
    ],
)
def test_a_broken_category_file_names_the_file_and_the_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = FILE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "categories.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CategoryFileError, match=message) as err:
        load(bad)
    assert str(bad) in str(err.value)
