"""The outcomes of each rule family as one inline SVG bar chart (no script, no external asset)."""

from __future__ import annotations

from markupsafe import Markup, escape

from cancel_conformance.outcomes import Outcome
from cancel_conformance.report.results import Run

COLOURS = {
    Outcome.PASSED: "#2e7d32",
    Outcome.FAILED: "#c62828",
    Outcome.WARNING: "#e08600",
    Outcome.NOT_VERIFIED: "#8a94a6",
    Outcome.ERROR: "#7b3fb0",
}
LABEL_W, BAR_W, COUNT_W, ROW_H, BAR_H, LEGEND_H = 110, 560, 110, 26, 18, 28


def family_chart(run: Run) -> Markup:
    """One stacked bar per family: how many of its rules ended in each outcome."""
    families = run.families()
    height = LEGEND_H + ROW_H * len(families)
    width = LABEL_W + BAR_W + COUNT_W
    rows = "".join(_row(n, family.id, results) for n, (family, results) in enumerate(families))
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="chart-title">'
        f'<title id="chart-title">Rule outcomes per family</title>{_legend()}{rows}</svg>'
    )


def _row(number: int, family_id: str, results: list) -> str:
    y = LEGEND_H + number * ROW_H
    counts = [(outcome, sum(r.outcome == outcome for r in results)) for outcome in Outcome]
    total = sum(count for _, count in counts) or 1
    x, parts = float(LABEL_W), []
    for outcome, count in counts:
        if not count:
            continue
        width = BAR_W * count / total
        tip = escape(f"{family_id}: {count} {outcome.value}")
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_H}" fill="{COLOURS[outcome]}">'
                     f'<title>{tip}</title></rect>')
        if width >= 18:
            parts.append(f'<text x="{x + width / 2:.1f}" y="{y + 13}" text-anchor="middle" fill="#fff" '
                         f'font-size="11">{count}</text>')
        x += width
    label = f'<text x="0" y="{y + 13}" font-size="12" fill="#1d1d1f">{escape(family_id)}</text>'
    passed = dict(counts)[Outcome.PASSED]
    summary = (f'<text x="{LABEL_W + BAR_W + 8}" y="{y + 13}" font-size="11" fill="#555">'
               f'{passed}/{len(results)} passed</text>')
    return label + "".join(parts) + summary


def _legend() -> str:
    items, x = [], LABEL_W
    for outcome, colour in COLOURS.items():
        items.append(f'<rect x="{x}" y="4" width="11" height="11" fill="{colour}"/>'
                     f'<text x="{x + 15}" y="14" font-size="11" fill="#333">{outcome.value}</text>')
        x += 26 + 6 * len(outcome.value)
    return "".join(items)
