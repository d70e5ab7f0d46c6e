"""An explored lifecycle as one inline SVG state diagram, drawn from the lifecycle's data (no script, no asset).

States stand in columns by the longest chain of state-changing moves that leads to them, so that
every arrow points right; an arrow is a move that changes the state. Colours say what the run did:
a move the exploration took is drawn solid, one it never took dashed, the move where the
implementation diverged red; a state it reached is filled. Moves that leave a state as it is
(refusals) are counted inside its box. An arrow to the next column bends through the gap between
them; one that skips columns runs along its own lane under the boxes, so no arrow crosses a box.
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

COLUMN_W, ROW_H, BOX_W, BOX_H, MARGIN, LANE_H = 236, 62, 196, 44, 16, 7
TAKEN, UNTAKEN, DIVERGED, REACHED, UNREACHED = "#1f5fbf", "#b0b7c3", "#c62828", "#e3edfb", "#f6f7f9"


def lifecycle_diagram(model: dict) -> Markup:
    """The SVG of one exploration's lifecycle (`Exploration.to_json()`)."""
    moves = model["moves"]
    depth = _depths(model["start"], moves)
    columns: dict[int, list[str]] = defaultdict(list)
    for state, level in depth.items():
        columns[level].append(state)
    place = {state: (MARGIN + level * COLUMN_W, MARGIN + row * ROW_H)
             for level, states in columns.items() for row, state in enumerate(states)}
    taken = {(m["from"], m["action"], m["to"]) for m in model["taken"]}
    reached = {m["to"] for m in model["taken"]} | {m["from"] for m in model["taken"]}
    diverged = model.get("diverged") or {}
    changing = [m for m in moves if m["from"] != m["to"] and m["from"] in place and m["to"] in place]
    skipping = [m for m in changing if depth[m["to"]] != depth[m["from"]] + 1]
    rows_bottom = MARGIN + max(len(states) for states in columns.values()) * ROW_H
    lanes = {id(m): rows_bottom + LANE_H * n for n, m in enumerate(skipping)}
    width = MARGIN * 2 + (max(columns) + 1) * COLUMN_W
    height = rows_bottom + LANE_H * len(skipping) + MARGIN
    arrows = [_arrow(m, place, lanes.get(id(m)), (m["from"], m["action"], m["to"]) in taken, _diverged(m, diverged))
              for m in changing]
    loops = defaultdict(int)
    for m in moves:
        if m["from"] == m["to"]:
            loops[m["from"]] += 1
    boxes = [_box(state, xy, state in reached, diverged.get("from") == state, loops[state])
             for state, xy in place.items()]
    title = escape(f"The lifecycle of {model['lifecycle']}")
    return Markup(f'<svg class="lifecycle" role="img" viewBox="0 0 {width} {height}" width="{width}" '
                  f'height="{height}" font-family="sans-serif" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
                  f'<defs>{_marker("taken", TAKEN)}{_marker("untaken", UNTAKEN)}{_marker("diverged", DIVERGED)}'
                  f'</defs>{"".join(arrows)}{"".join(boxes)}</svg>')


def _depths(start: str, moves: list[dict]) -> dict[str, int]:
    """Each state's column: the longest chain of state-changing moves from the start (a cycle stops growing)."""
    edges = {(move["from"], move["to"]) for move in moves if move["from"] != move["to"]}
    states = {start} | {state for edge in edges for state in edge}
    depth = dict.fromkeys(states, 0)
    for _ in range(len(states)):
        changed = False
        for origin, target in edges:
            if depth[target] < depth[origin] + 1 <= len(states):
                depth[target], changed = depth[origin] + 1, True
        if not changed:
            break
    return depth


def _diverged(move: dict, diverged: dict) -> bool:
    return bool(diverged) and move["from"] == diverged.get("from") and move["action"] == diverged.get("action")


def _arrow(move: dict, place: dict, lane: float | None, taken: bool, diverged: bool) -> str:
    kind = "diverged" if diverged else "taken" if taken else "untaken"
    colour = {"diverged": DIVERGED, "taken": TAKEN, "untaken": UNTAKEN}[kind]
    dash = "" if kind != "untaken" else ' stroke-dasharray="4 3"'
    width = 2.5 if diverged else 1.4
    tip = escape(f"{move['from']} --{move['action']}--> {move['to']} ({move['rule']})"
                 + (": diverged" if diverged else "" if taken else ": not taken in this run"))
    return (f'<path d="{_route(place[move["from"]], place[move["to"]], lane)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash} marker-end="url(#{kind})"><title>{tip}</title></path>')


def _route(origin: tuple[int, int], target: tuple[int, int], lane: float | None) -> str:
    """From the right of one box to the left of another: a curve through the gap, or down to a lane and back up."""
    (x1, y1), (x2, y2) = origin, target
    start, end = (x1 + BOX_W, y1 + BOX_H / 2), (x2, y2 + BOX_H / 2)
    if lane is None:
        middle = (start[0] + end[0]) / 2
        return (f"M{start[0]:.0f},{start[1]:.0f} C{middle:.0f},{start[1]:.0f} {middle:.0f},{end[1]:.0f} "
                f"{end[0]:.0f},{end[1]:.0f}")
    gap = COLUMN_W - BOX_W
    shift = (lane // LANE_H) % 3 * 5 - 5
    down, up = start[0] + gap / 2 + shift, end[0] - gap / 2 + shift
    return (f"M{start[0]:.0f},{start[1]:.0f} H{down:.0f} V{lane:.0f} H{up:.0f} V{end[1]:.0f} H{end[0]:.0f}")


def _box(state: str, xy: tuple[int, int], reached: bool, diverged: bool, refusals: int) -> str:
    x, y = xy
    stroke = DIVERGED if diverged else TAKEN if reached else UNTAKEN
    lines = state.split(", ", 1) if len(state) > 28 else [state]
    text = "".join(f'<text x="{x + 8}" y="{y + 15 + 13 * n}" font-size="11" fill="#1d1d1f">{escape(line)}</text>'
                   for n, line in enumerate(lines))
    note = f'<text x="{x + BOX_W - 6}" y="{y + BOX_H - 5}" font-size="9" fill="#555" text-anchor="end">' \
           f'{refusals} unchanged</text>' if refusals else ""
    return (f'<g><title>{escape(state)}</title><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="{REACHED if reached else UNREACHED}" stroke="{stroke}" stroke-width="{2 if diverged else 1}"/>'
            f'{text}{note}</g>')


def _marker(name: str, colour: str) -> str:
    return (f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
