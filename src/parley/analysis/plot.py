"""Charts: a dyad's events by category per period, with the net cooperation score.

matplotlib is imported here only, with the non-interactive Agg backend, so the rest of
parley never pays for it.
"""

from __future__ import annotations

from pathlib import Path

from parley.analysis.dyads import Series
from parley.analysis.intensity import Scale, default_scale
from parley.records import CATEGORIES


def plot_series(series: Series, path: Path, *, scale: Scale | None = None, title: str | None = None) -> Path:
    """Draw stacked bars of events per category (cooperation up, conflict down) and the net score."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale = scale or default_scale()
    periods = [p.period for p in series.periods]
    xs = range(len(periods))
    fig, ax = plt.subplots(figsize=(max(8, len(periods) * 0.5 + 4), 5.5))
    up, down = [0.0] * len(periods), [0.0] * len(periods)
    for cat in sorted(CATEGORIES, key=scale.value, reverse=True):
        counts = [p.counts.get(cat, 0) for p in series.periods]
        if not any(counts):
            continue
        sign = 1 if scale.value(cat) >= 0 else -1
        base = up if sign > 0 else down
        ax.bar(xs, [sign * c for c in counts], bottom=base, color=_colour(scale.value(cat)), label=cat, width=0.8)
        for i, c in enumerate(counts):
            base[i] += sign * c
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events (cooperative above, conflictual below)")
    net = ax.twinx()
    net.plot(xs, [p.net for p in series.periods], color="black", marker="o", linewidth=1.5, label="net score")
    net.set_ylabel("net cooperation-conflict score")
    _annotate(net, series)
    _centre(ax, up, down)
    _centre(net, [p.net for p in series.periods], [])
    ax.set_xticks(list(xs), periods, rotation=60, ha="right", fontsize=8)
    ax.legend(loc="upper left", fontsize=7, ncol=2)
    ax.set_title(title or f"{series.a} - {series.b}, events per {series.by}")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _annotate(ax: object, series: Series) -> None:
    """Label the periods with the largest net scores by their weightiest event."""
    ranked = sorted(range(len(series.periods)), key=lambda i: -abs(series.periods[i].net))[:4]
    for i in ranked:
        p = series.periods[i]
        if p.top is None:
            continue
        s, t = p.top.source.actor, p.top.target.actor
        label = f"{p.top.category}: {s.name or s.country} → {t.name or t.country}"
        ax.annotate(label, (i, p.net), textcoords="offset points", xytext=(4, 8), fontsize=7)  # type: ignore[attr-defined]


def _centre(ax: object, highs: list[float], lows: list[float]) -> None:
    """Symmetric limits, so that both axes have their zero on the same line."""
    m = max([1.0, *(abs(v) for v in highs), *(abs(v) for v in lows)]) * 1.15
    ax.set_ylim(-m, m)  # type: ignore[attr-defined]


def _colour(value: float) -> tuple[float, float, float, float]:
    """A diverging red-yellow-green colour: red for conflict, green for cooperation."""
    from matplotlib import colormaps

    return colormaps["RdYlGn"](0.5 + value / 22)  # type: ignore[no-any-return]
