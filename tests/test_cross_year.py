"""The cross-year pairing is schema data (resources/schema.json "cross_year"): which cell of last
year's report each cell of this year's carries on from."""

from __future__ import annotations

from core.rules.crossyear import counterpart
from core.schema import schema


def test_every_cell_is_paired_as_the_statute_says():
    paired = {c: counterpart(c) for c in schema().cell_ids() if counterpart(c) is not None}
    carried = [c for c in schema().cell_ids() if c.startswith("requests.carried_over.")]
    in_force = [c for c in schema().cell_ids() if c.startswith("proactive.") and c.endswith(".in_force")]
    assert set(paired) == set(carried) | set(in_force) and carried and in_force
    for c in carried:
        assert paired[c] == (c.replace(".carried_over.", ".carry_forward."), "上年“结转下年度继续办理”")
    for c in in_force:
        assert paired[c] == (c, "上年“现行有效件数”")
    assert counterpart("requests.new.total") is None and counterpart("appeals.review.total") is None
