"""The report's lifecycle diagram: every state drawn once, arrows that never cross a box, and colours that
say what the run did (taken solid, never taken dashed, the divergence red)."""

from __future__ import annotations

import re

from cancel_conformance.report.diagram import BOX_H, BOX_W, lifecycle_diagram

# A small lifecycle: new -> Open -> Closed, plus a move from new straight to Closed that skips a column,
# and a refusal that leaves Open as it is.
MODEL = {
    "lifecycle": "a door", "start": "new",
    "moves": [
        {"from": "new", "action": "open", "to": "Open", "rule": "R_01"},
        {"from": "Open", "action": "close", "to": "Closed", "rule": "R_02"},
        {"from": "new", "action": "seal", "to": "Closed", "rule": "R_03"},
        {"from": "Open", "action": "open", "to": "Open", "rule": "R_04"},
    ],
    "taken": [{"from": "new", "action": "open", "to": "Open", "times": 1}],
    "diverged": {"from": "Open", "action": "close"},
}


def _paths(svg: str) -> dict[str, str]:
    """Each arrow's path data and attributes, by the move its tooltip names."""
    return {re.search(r"--\w+--&gt; \w+", tip).group(0).replace("&gt;", ">"): attributes
            for attributes, tip in re.findall(r"<path (d=[^>]*)><title>([^<]*)</title></path>", svg)}


def _boxes(svg: str) -> dict[str, tuple[float, float]]:
    return {state: (float(x), float(y))
            for state, x, y in re.findall(r'<g><title>([^<]*)</title><rect x="(\d+)" y="(\d+)"', svg)}


def test_every_state_is_drawn_once_and_refusals_are_counted_in_their_box():
    svg = str(lifecycle_diagram(MODEL))

    assert sorted(_boxes(svg)) == ["Closed", "Open", "new"]
    assert "1 unchanged" in svg
    assert "--open--> Open (R_04)" not in svg, "a move that leaves the state as it is is not an arrow"


def test_states_stand_in_columns_by_the_longest_chain_so_every_arrow_points_right():
    boxes = _boxes(str(lifecycle_diagram(MODEL)))

    assert boxes["new"][0] < boxes["Open"][0] < boxes["Closed"][0]


def test_an_arrow_that_skips_a_column_runs_under_the_boxes_instead_of_through_them():
    svg = str(lifecycle_diagram(MODEL))
    skipping = _paths(svg)["--seal--> Closed"]
    lowest_box = max(y for _, y in _boxes(svg).values()) + BOX_H
    vertical_stops = [float(v) for v in re.findall(r"V(\d+)", skipping)]

    assert max(vertical_stops) > lowest_box, "it runs along a lane under the lowest box"
    first_turn = float(re.search(r"H(\d+)", skipping).group(1))
    assert _boxes(svg)["new"][0] + BOX_W < first_turn < _boxes(svg)["Open"][0], "it turns down before the next box"


def test_colours_say_what_the_run_did():
    arrows = _paths(str(lifecycle_diagram(MODEL)))

    assert 'marker-end="url(#taken)"' in arrows["--open--> Open"]
    assert "stroke-dasharray" not in arrows["--open--> Open"]
    assert 'marker-end="url(#untaken)"' in arrows["--seal--> Closed"]
    assert "stroke-dasharray" in arrows["--seal--> Closed"]
    assert 'marker-end="url(#diverged)"' in arrows["--close--> Closed"]
