"""Fuzzing: each reliability property on a few hundred generated inputs (see properties.py).

``python benchmarks/fuzz.py --examples 100000`` runs the same properties far longer.
"""

from __future__ import annotations

import pytest

from .properties import PROPERTIES, Property, run_property


@pytest.mark.parametrize("prop", PROPERTIES, ids=[p.name for p in PROPERTIES])
def test_property(prop: Property) -> None:
    run_property(prop, prop.examples)
