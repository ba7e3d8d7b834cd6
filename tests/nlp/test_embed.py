"""The sentence encoder parley runs itself gives sentence-transformers' vectors for all-MiniLM-L6-v2."""

from __future__ import annotations

import numpy as np
import pytest

from parley.nlp.embed import DIMENSIONS, Encoder, model_dir

pytestmark = pytest.mark.slow
TEXTS = [
    "Ghanaian Foreign Minister Kofi Mensah-Boateng accused Togo of sheltering the gunmen.",
    "Riot police in Lima detained forty students outside the congress building on Thursday evening.",
    "Talks.",
]


def test_the_vectors_are_sentence_transformers_own() -> None:
    from sentence_transformers import SentenceTransformer

    ours = Encoder().encode(TEXTS)
    theirs = SentenceTransformer(str(model_dir()), device="cpu").encode(TEXTS, normalize_embeddings=True)
    assert ours.shape == (3, DIMENSIONS)
    assert np.abs(ours - theirs).max() < 1e-4
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_order_and_batching_do_not_change_a_vector() -> None:
    enc = Encoder()
    one = enc.encode(TEXTS, batch_size=1)
    batched = enc.encode(list(reversed(TEXTS)), batch_size=8)[::-1]
    assert np.abs(one - batched).max() < 1e-5
