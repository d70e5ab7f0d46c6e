"""An explored lifecycle as one inline SVG state diagram, drawn from the lifecycle's data (no script, no asset).

States stand in columns by how many steps the shortest documented path needs to reach them; an
arrow is a move that changes the state. Colours say what the run did: a move the exploration took
is drawn solid, one it never took dashed, the move where the implementation diverged red; a state
it reached is filled. Moves that leave a state as it is (refusals) are counted inside its box.
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

COLUMN_W, ROW_H, BOX_W, BOX_H, MARGIN = 200, 58, 168, 40, 16
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
    width = MARGIN * 2 + (max(columns) + 1) * COLUMN_W
    height = MARGIN * 2 + max(len(states) for states in columns.values()) * ROW_H
    arrows = [_arrow(m, place, (m["from"], m["action"], m["to"]) in taken, _diverged(m, diverged))
              for m in moves if m["from"] != m["to"] and m["from"] in place and m["to"] in place]
    loops = defaultdict(int)
    for m in moves:
        if m["from"] == m["to"]:
            loops[m["from"]] += 1
    boxes = [_box(state, xy, state in reached, diverged.get("from") == state, loops[state])
             for state, xy in place.items()]
    title = escape(f"The lifecycle of {model['lifecycle']}")
    return Markup(f'<svg class="lifecycle" role="img" viewBox="0 0 {width} {height}" width="{width}" '
                  f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
                  f'<defs>{_marker("taken", TAKEN)}{_marker("untaken", UNTAKEN)}{_marker("diverged", DIVERGED)}'
                  f'</defs>{"".join(arrows)}{"".join(boxes)}</svg>')


def _depths(start: str, moves: list[dict]) -> dict[str, int]:
    """Each state's column: the length of the shortest chain of state-changing moves from the start."""
    depth, frontier = {start: 0}, [start]
    while frontier:
        following = []
        for state in frontier:
            for move in moves:
                if move["from"] == state and move["to"] not in depth:
                    depth[move["to"]] = depth[state] + 1
                    following.append(move["to"])
        frontier = following
    return depth


def _diverged(move: dict, diverged: dict) -> bool:
    return bool(diverged) and move["from"] == diverged.get("from") and move["action"] == diverged.get("action")


def _arrow(move: dict, place: dict, taken: bool, diverged: bool) -> str:
    (x1, y1), (x2, y2) = place[move["from"]], place[move["to"]]
    start = (x1 + BOX_W, y1 + BOX_H / 2) if x2 > x1 else (x1 + BOX_W / 2, y1 + (BOX_H if y2 > y1 else 0))
    end = (x2, y2 + BOX_H / 2) if x2 > x1 else (x2 + BOX_W / 2, y2 + (0 if y2 > y1 else BOX_H))
    bend = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2 - (12 if x2 > x1 else -24)
    kind = "diverged" if diverged else "taken" if taken else "untaken"
    colour = {"diverged": DIVERGED, "taken": TAKEN, "untaken": UNTAKEN}[kind]
    dash = "" if kind != "untaken" else ' stroke-dasharray="4 3"'
    width = 2.5 if diverged else 1.4
    tip = escape(f"{move['from']} --{move['action']}--> {move['to']} ({move['rule']})"
                 + (": diverged" if diverged else "" if taken else ": not taken in this run"))
    return (f'<path d="M{start[0]:.0f},{start[1]:.0f} Q{bend[0]:.0f},{bend[1]:.0f} {end[0]:.0f},{end[1]:.0f}" '
            f'fill="none" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{kind})">'
            f'<title>{tip}</title></path>')


def _box(state: str, xy: tuple[int, int], reached: bool, diverged: bool, refusals: int) -> str:
    x, y = xy
    stroke = DIVERGED if diverged else TAKEN if reached else UNTAKEN
    label = escape(state if len(state) <= 26 else state[:25] + "…")
    note = f'<text x="{x + BOX_W - 6}" y="{y + BOX_H - 6}" font-size="9" fill="#555" text-anchor="end">' \
           f'{refusals} unchanged</text>' if refusals else ""
    return (f'<g><title>{escape(state)}</title><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="{REACHED if reached else UNREACHED}" stroke="{stroke}" stroke-width="{2 if diverged else 1}"/>'
            f'<text x="{x + 8}" y="{y + 17}" font-size="11" fill="#1d1d1f">{label}</text>{note}</g>')


def _marker(name: str, colour: str) -> str:
    return (f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
