"""parley.actors: the actor knowledge base and the mention resolver.

>>> kb = default_kb()
>>> kb.resolve("the South Korean president", on="2019-05-01").actor.name
'Moon Jae-in'
"""

from parley.actors.kb import KnowledgeBase, default_kb, load_kb
from parley.actors.resolve import Resolution

__all__ = ["KnowledgeBase", "Resolution", "default_kb", "load_kb"]
