"""Charts drawn on the server as accessible SVG: no script, no chart library.

Each chart has a <title> and <desc> (named by aria-labelledby), prints its
numbers on the marks so colour is never the only cue, and the page shows the
same numbers as a table. Every label is escaped.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from ideashub.core.i18n import _, format_moment
from ideashub.core.words import number, plural
from ideashub.ideas.models import Stage

# One colour per column of the board (the stages themselves are ideas'; see ideas.models).
PALETTE = {
    Stage.BEING_HEARD: "#1d70b8",
    Stage.SHORTLISTED: "#6a3fb5",
    Stage.IN_PROJECT: "#00703c",
    Stage.DELIVERED: "#005a30",
    Stage.PARKED: "#8a5a00",
    Stage.NOT_TAKEN_FORWARD: "#505a5f",
}
SERIES = ["#1d70b8", "#00703c", "#8a5a00"]


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str], interactive: bool = False) -> Markup:
    # A picture is one image to assistive technology; a chart whose marks are links is a
    # group of them (an image's children are not reachable, so its links would be lost).
    role = "group" if interactive else "img"
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {height}" role="{role}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704  # nosec B704 - every value above is escaped


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _readable_on(rgb: tuple[int, int, int]) -> str:
    """Near-black or white, whichever contrasts more with the cell (WCAG contrast ratio)."""
    lum = _luminance(rgb)
    on_black = (lum + 0.05) / (0.0038 + 0.05)
    on_white = 1.05 / (lum + 0.05)
    return "#0b0c0c" if on_black >= on_white else "#ffffff"


def funnel(chart_id: str, title: str, rows: list[tuple[str, str, int]], links: dict[str, str] | None = None) -> Markup:
    """Horizontal bars, one per stage: (key, label, count); with ``links`` ({key: url}) each bar leads to its ideas."""
    width, label_w, bar_h, gap = 480, 150, 28, 10
    biggest = max([n for _, _, n in rows] + [1])
    height = len(rows) * (bar_h + gap) + gap
    body = []
    for i, (key, label, n) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2, round((width - label_w - 60) * n / biggest))
        body.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" class="chart__label">{escape(label)}</text>')
        bar = (
            f'<rect x="0" y="{y - gap / 2}" width="{width}" height="{bar_h + gap}" class="chart__hit"></rect>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{PALETTE.get(key, SERIES[0])}"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.0f}" class="chart__value">{n:,}</text>'
        )
        href = (links or {}).get(key)
        body.append(_link(href, _("%(stage)s: %(ideas)s. See them on the board", stage=label, ideas=plural(n, "idea", "ideas")), bar))
    desc = "; ".join(f"{label}: {n:,}" for _, label, n in rows)
    return _svg(chart_id, title, desc, width, height, body, interactive=bool(links))


def month_name(month: date) -> str:
    """ "March 2026": how the text alternative and the links name a month (in the page's language)."""
    return format_moment(month, "%B %Y")


def axis_marks(biggest: int, most: int = 5) -> list[int]:
    """Round marks from 0 up to at least ``biggest``, at most ``most`` steps (1, 2 or 5 times a power of ten)."""
    biggest = max(biggest, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if biggest <= step * factor * most:
                step *= factor
                top = -(-biggest // step) * step
                return list(range(0, top + 1, step))
        step *= 10


def _link(href: str | None, label: str, inner: str) -> str:
    if not href:
        return inner
    return f'<a href="{escape(href)}" class="chart__link" aria-label="{escape(label)}">{inner}</a>'


def monthly(
    chart_id: str,
    title: str,
    months: list[date],
    series: list[tuple[str, list[int]]],
    links: list[str] | None = None,
) -> Markup:
    """Grouped bars per month for up to three series: (name, values).

    Months are named ("Jan"), with the year under the first month and every January;
    the axis has several round marks with light grid lines; with ``links`` each month's
    bars are one link (to the ideas posted that month).
    """
    width, height, left, right, bottom, top = 640, 310, 52, 10, 80, 14
    n = max(len(months), 1)
    slot = (width - left - right) / n
    bar_w = max(3, slot / (len(series) + 1))
    marks = axis_marks(max([v for _, values in series for v in values] + [1]))
    scale_top = marks[-1]
    plot_h = height - bottom - top
    base = height - bottom
    body = []
    for mark in marks:
        y = base - plot_h * mark / scale_top
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="chart__grid"></line>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart__tick">{mark:,}</text>')
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="chart__axis"></line>')
    for i, month in enumerate(months):
        x0 = left + i * slot
        bars = [f'<rect x="{x0:.1f}" y="{top}" width="{slot:.1f}" height="{plot_h}" class="chart__hit"></rect>']
        for j, (_name, values) in enumerate(series):
            h = plot_h * values[i] / scale_top
            bars.append(
                f'<rect x="{x0 + j * bar_w + bar_w / 2:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{SERIES[j % len(SERIES)]}"></rect>'
            )
        figures = ", ".join(f"{name} {values[i]:,}" for name, values in series)
        href = links[i] if links else None
        label = (_("%(month)s: %(figures)s. See the ideas posted that month", month=month_name(month), figures=figures)
                 if href else f"{month_name(month)}: {figures}")
        body.append(_link(href, label, "".join(bars)))
        # Hanging from the axis, the year one line (in ems) under the month: the labels keep
        # apart whatever size the stylesheet gives them (larger on a phone).
        body.append(f'<text x="{x0 + slot / 2:.1f}" y="{base + 5}" text-anchor="middle" dominant-baseline="hanging" class="chart__tick">{escape(format_moment(month, "%b"))}</text>')
        if i == 0 or month.month == 1:
            body.append(f'<text x="{x0 + slot / 2:.1f}" y="{base + 5}" dy="1.25em" text-anchor="middle" dominant-baseline="hanging" class="chart__tick chart__tick--year">{month.year}</text>')
    for j, (name, _values) in enumerate(series):
        x = left + j * 160
        body.append(f'<rect x="{x}" y="{height - 16}" width="12" height="12" fill="{SERIES[j % len(SERIES)]}"></rect>')
        body.append(f'<text x="{x + 18}" y="{height - 6}" class="chart__tick">{escape(name)}</text>')
    desc = "; ".join(
        f"{month_name(month)}: " + ", ".join(f"{name} {values[i]:,}" for name, values in series)
        for i, month in enumerate(months)
    )
    return _svg(chart_id, title, desc, width, height, body, interactive=bool(links))


def heat_map(chart_id: str, title: str, labels: list[str], values: list[list[int]], links: list[str] | None = None) -> Markup:
    """A square grid: row = who gave, column = whose idea; darker = more, numbers printed.

    With ``links`` each column's team name leads to that team's ideas on the board.
    """
    n = len(labels)
    cell, left, top = 40, 190, 190
    width, height = left + n * cell + 130, top + n * cell + 10  # room for the last slanted label
    biggest = max([v for row in values for v in row] + [1])
    body = []
    for j, label in enumerate(labels):
        x = left + j * cell + cell / 2
        text = f'<text transform="translate({x:.0f},{top - 8}) rotate(-55)" class="chart__tick">{escape(label)}</text>'
        body.append(_link(links[j] if links else None, _("See the ideas of %(team)s", team=label), text))
    for i, label in enumerate(labels):
        y = top + i * cell
        body.append(f'<text x="{left - 8}" y="{y + cell * 0.62:.0f}" text-anchor="end" class="chart__tick">{escape(label)}</text>')
        for j, v in enumerate(values[i]):
            x = left + j * cell
            share = v / biggest
            # White to dark blue; text flips to white on the dark half.
            shade = round(255 - 200 * share)
            rgb = (shade, min(255, shade + 15), 255)
            fill = f"rgb{rgb}" if v else "#f3f2f1"
            colour = _readable_on(rgb)
            outline = ' stroke="#0b0c0c" stroke-width="1"' if i == j else ""
            body.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}"{outline}></rect>')
            if v:
                body.append(f'<text x="{x + cell / 2 - 1:.0f}" y="{y + cell * 0.62:.0f}" text-anchor="middle" fill="{colour}" class="chart__cell">{v:,}</text>')
    desc = _("Rows: the team giving support. Columns: the team whose idea it is. The darkest cell is %(most)s. "
             "The table below gives every number.", most=number(biggest))
    return _svg(chart_id, title, desc, width, height, body, interactive=bool(links))
