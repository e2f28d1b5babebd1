"""The shipped sentence encoder (claimscope.link.vectors): a text's vector depends on the text alone, the same in
threads and after a round trip through the dossier, and it puts a paraphrase and a denial nearer than another claim."""

from __future__ import annotations

import numpy as np

from claimscope.link import vectors


def test_a_vector_is_a_function_of_its_text_alone() -> None:
    texts = [f"The MEK received {n} rifles from Baghdad in {1980 + n % 9}." for n in range(100)]  # threads from 64
    together = vectors.embed(texts + texts[:3])
    alone = np.stack([vectors.load().vector(t) for t in texts])
    assert together.shape == (103, vectors.load().dimensions) and np.array_equal(together[:100], alone)
    assert np.array_equal(together[100:], alone[:3])
    assert np.allclose(np.linalg.norm(alone, axis=1), 1.0, atol=1e-3)  # unit vectors: a product is the cosine
    assert np.array_equal(vectors.from_bytes(vectors.to_bytes(alone[0])), alone[0])
    assert vectors.embed([]).shape == (0, vectors.load().dimensions)


def test_a_paraphrase_and_a_denial_lie_nearer_than_another_claim() -> None:
    claim, paraphrase, denial, other = vectors.embed([
        "The MEK helped Saddam Hussein suppress the 1991 uprisings in Iraq.",
        "In 1991 the Mojahedin took part in crushing the Kurdish and Shia revolts for Baghdad.",
        "The MEK denies any role in putting down the 1991 uprisings.",
        "The price of oil rose sharply in the spring.",
    ])
    assert min(claim @ paraphrase, claim @ denial) > 0.6 > 0.4 > claim @ other
