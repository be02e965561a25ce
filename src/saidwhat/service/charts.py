"""Charts as SVG markup drawn on the server: no script, no chart library, no CDN.

Takes labelled values; gives one `<svg role="img">` string whose `aria-label` (and `<title>`)
says what it shows and every value in it, each bar a `rect.bar` with its own `<title>` (a
tooltip). Every label is escaped, so a name from an article stays text. Colours are
presentation attributes and the page's stylesheet's classes: the pages' content security
policy allows no inline style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

# One colour per series (the pages' speaker colours; white text passes AA on each).
PALETTE = ("#1f5fa8", "#b03a2e", "#2e7d32", "#7b3fa0", "#9a5300", "#00796b", "#b0245f",
           "#3f51b5", "#5d4a1f", "#37474f")  # fmt: skip
SUMMARY_ITEMS = 24  # a longer chart's text alternative names this many values, then a count
_CHAR = 6.6  # about how wide a character of the 12 px labels is


def _svg(width: float, height: float, label: str, parts: list[str]) -> str:
    said = escape(label)
    return (
        f'<svg class="chart-svg" role="img" aria-label="{said}" tabindex="0"'
        f' viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{said}</title>{''.join(parts)}</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    kind = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{kind}>{escape(text)}</text>'


def _bar(x: float, y: float, width: float, height: float, tip: str, series: int = -1) -> str:
    """A bar; one of several series is `series-N` in that series' colour (the attribute for
    the SVG alone, the class for the page, whose stylesheet colours bars)."""
    kind, colour = "bar", ""
    if series >= 0:
        kind += f" series-{series % len(PALETTE)}"
        colour = f' fill="{PALETTE[series % len(PALETTE)]}"'
    return (
        f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}"'
        f' height="{max(height, 0):.1f}" rx="2"{colour}><title>{escape(tip)}</title></rect>'
    )


def summary(title: str, items: Sequence[tuple[str, str]]) -> str:
    """The chart's text alternative: its title and each label's value shown."""
    if not items:
        return f"{title}: no data"
    named = "; ".join(f"{label}: {value}" for label, value in items[:SUMMARY_ITEMS])
    more = len(items) - SUMMARY_ITEMS
    return f"{title}. {named}" + (f"; and {more} more" if more > 0 else "")


def bars(
    items: Sequence[tuple[str, float | None]],
    title: str,
    shown: Callable[[float | None], str],
    most: float | None = None,
) -> str:
    """Horizontal bars, one a label, longest at `most` (default: the largest value); a value
    of None (nothing to measure) gets no bar and `shown(None)` beside its label."""
    width, row, gap = 720.0, 26.0, 6.0
    left = min(260.0, 16 + _CHAR * max((len(label) for label, _ in items), default=4))
    top_value = most or max((v for _, v in items if v), default=1.0) or 1.0
    span = width - left - 70
    parts = []
    for n, (label, value) in enumerate(items):
        y = 8 + n * row
        short = (
            label if len(label) * _CHAR < left - 12 else label[: int((left - 12) / _CHAR) - 1] + "…"
        )
        parts.append(_text(left - 8, y + row / 2 + 1, short or "(none)", "end", "label"))
        length = span * (value or 0) / top_value
        if value is not None:
            parts.append(_bar(left, y + gap / 2, length, row - gap, f"{label}: {shown(value)}"))
        parts.append(_text(left + length + 6, y + row / 2 + 1, shown(value), cls="value"))
    if not items:
        parts.append(_text(width / 2, 24, "no data", "middle", "value"))
    height = 16 + max(len(items), 1) * row
    said = [(label or "(none)", shown(value)) for label, value in items]
    return _svg(width, height, summary(title, said), parts)


def columns(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str,
    shown: Callable[[float | None], str],
    most: float | None = None,
) -> str:
    """Vertical bars over `labels` (months): one bar a series at each, side by side, in the
    series' colours with a legend when there are several; None gets no bar."""
    width, height, left, bottom, top = 720.0, 240.0, 56.0, 36.0, 16.0
    legend = 22.0 if len(series) > 1 else 0.0
    values = [v for _, vs in series for v in vs if v is not None]
    top_value = most or max(values, default=1.0) or 1.0
    plot = height - bottom - top - legend
    step = (width - left - 8) / max(len(labels), 1)
    bar = min(40.0, step * 0.8 / max(len(series), 1))
    parts = [
        f'<line class="axis" x1="{left}" x2="{width - 8}" y1="{height - bottom - legend}"'
        f' y2="{height - bottom - legend}" stroke="#8a939d"/>',
        _text(left - 6, top + 4, shown(top_value), "end", "value"),
        _text(left - 6, height - bottom - legend, shown(0), "end", "value"),
    ]
    every = max(1, -(-len(labels) // 12))  # at most 12 labels along the axis
    for i, label in enumerate(labels):
        x0 = left + i * step + (step - bar * len(series)) / 2
        for k, (name, vs) in enumerate(series):
            value = vs[i]
            if value is None:
                continue
            h = plot * value / top_value
            tip = f"{label}{f', {name}' if len(series) > 1 else ''}: {shown(value)}"
            kind = k if len(series) > 1 else -1
            parts.append(_bar(x0 + k * bar, height - bottom - legend - h, bar - 1, h, tip, kind))
        if i % every == 0:
            parts.append(_text(left + i * step + step / 2, height - bottom - legend + 16, label,
                               "middle", "label"))  # fmt: skip
    if len(series) > 1:
        x = left
        for k, (name, _) in enumerate(series):
            parts.append(
                f'<rect class="key series-{k % len(PALETTE)}" x="{x:.1f}" y="{height - 18}"'
                f' width="12" height="12" fill="{PALETTE[k % len(PALETTE)]}"/>'
            )
            parts.append(_text(x + 16, height - 8, name or "(none)", cls="label"))
            x += 28 + _CHAR * len(name or "(none)")
    if not labels:
        parts.append(_text(width / 2, height / 2, "no data", "middle", "value"))
    said = [
        (f"{label}{f', {name}' if len(series) > 1 else ''}", shown(vs[i]))
        for i, label in enumerate(labels)
        for name, vs in series
    ]
    return _svg(width, height, summary(title, said), parts)
