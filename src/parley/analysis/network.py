"""The actor network: actors as nodes, flows of events between them as weighted edges.

net = build_network(events)
write_json(net, out) / write_graphml(net, out) / plot_network(net, Path("net.svg"))
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

from parley.analysis.intensity import Scale, default_scale
from parley.records import Actor, Event


@dataclass
class Edge:
    source: str
    target: str
    events: int = 0
    cooperative: int = 0
    conflictual: int = 0
    net: float = 0.0


@dataclass
class Network:
    nodes: dict[str, Actor] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)


def build_network(events: Iterable[Event], *, scale: Scale | None = None) -> Network:
    """Directed edges from source to target; counts and net score per edge."""
    scale = scale or default_scale()
    net = Network()
    for e in events:
        s, t = e.source.actor, e.target.actor
        for a in (s, t):
            net.nodes.setdefault(a.actor_id, a)
            net.degree[a.actor_id] = net.degree.get(a.actor_id, 0) + 1
        edge = net.edges.setdefault((s.actor_id, t.actor_id), Edge(s.actor_id, t.actor_id))
        value = scale.score(e)
        edge.events += 1
        edge.cooperative += value > 0
        edge.conflictual += value < 0
        edge.net = round(edge.net + value, 2)
    return net


def write_json(net: Network, out: IO[str]) -> None:
    nodes = [{"id": k, "name": a.name or a.country, "country": a.country, "kind": a.kind, "events": net.degree[k]}
             for k, a in sorted(net.nodes.items())]  # fmt: skip
    edges = [vars(e) for e in sorted(net.edges.values(), key=lambda e: (-e.events, e.source, e.target))]
    json.dump({"nodes": nodes, "edges": edges}, out, ensure_ascii=False, indent=1)


def write_graphml(net: Network, out: IO[str]) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    keys = [("name", "node", "string"), ("country", "node", "string"), ("events", "all", "int"),
            ("net", "edge", "double")]  # fmt: skip
    for name, target, kind in keys:
        out.write(f'  <key id="{name}" for="{target}" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph edgedefault="directed">\n')
    for k, a in sorted(net.nodes.items()):
        name = _esc(a.name or a.country)
        out.write(f"    <node id={quoteattr(k)}><data key=\"name\">{name}</data><data key=\"country\">"
                  f"{a.country}</data><data key=\"events\">{net.degree[k]}</data></node>\n")  # fmt: skip
    for e in net.edges.values():
        out.write(f"    <edge source={quoteattr(e.source)} target={quoteattr(e.target)}>"
                  f"<data key=\"events\">{e.events}</data><data key=\"net\">{e.net}</data></edge>\n")  # fmt: skip
    out.write("  </graph>\n</graphml>\n")


def plot_network(net: Network, path: Path, *, top: int = 30) -> Path:
    """Actors on a circle (the busiest ``top``), edges as arrows: width by count, green/red by net score."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keep = sorted(net.degree, key=lambda k: -net.degree[k])[:top]
    step = 2 * math.pi / max(len(keep), 1)
    pos = {k: (math.cos(step * i), math.sin(step * i)) for i, k in enumerate(keep)}
    fig, ax = plt.subplots(figsize=(9, 9))
    for e in net.edges.values():
        if e.source in pos and e.target in pos:
            colour = "tab:green" if e.net > 0 else "tab:red" if e.net < 0 else "grey"
            ax.annotate("", xy=pos[e.target], xytext=pos[e.source], arrowprops={
                "arrowstyle": "->", "color": colour, "lw": 0.6 + 0.8 * math.log1p(e.events), "alpha": 0.7,
                "connectionstyle": "arc3,rad=0.12", "shrinkA": 12, "shrinkB": 12})  # fmt: skip
    for k, (x, y) in pos.items():
        a = net.nodes[k]
        ax.scatter([x], [y], s=60 + 40 * net.degree[k], color="tab:blue", zorder=3)
        ax.text(x * 1.12, y * 1.12, a.name or a.country, ha="center", va="center", fontsize=8)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.axis("off")
    ax.set_title("Who did what to whom: green cooperative, red conflictual, width by number of events")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
