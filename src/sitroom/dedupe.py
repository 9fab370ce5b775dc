"""Near-identical pages (syndicated copies, updated versions): MinHash over word shingles, LSH buckets.

A page whose body shares most of its five-word shingles with a stored article is linked to it instead of
being stored again; the estimate of their Jaccard similarity is kept with the link.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 similarity become candidates
ROWS = PERMUTATIONS // BANDS
# Syndicated copies of one story measured 0.8–1.0 on the demo corpus; distinct stories on one event stay below 0.2.
NEAR_DUPLICATE = 0.7

_PRIME = np.uint64(4294967311)  # the first prime above 2**32, so (a*x + b) mod p fits in 64 bits
_rng = np.random.default_rng(20130111)  # fixed: stored signatures must stay comparable across runs
_A = _rng.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    tokens = _WORD.findall(text.casefold())
    if len(tokens) < SHINGLE_WORDS:
        tokens = tokens + [""] * (SHINGLE_WORDS - len(tokens))
    grams = {" ".join(tokens[i: i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's word shingles."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    if values.size == 0:
        return [0] * PERMUTATIONS
    hashed = (np.outer(_A, values) + _B[:, None]) % _PRIME
    return [int(v) for v in hashed.min(axis=1)]


def similarity(left: list[int], right: list[int]) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    return sum(a == b for a, b in zip(left, right)) / PERMUTATIONS


def bands(sig: list[int]) -> list[tuple[int, int]]:
    """(band, bucket) pairs: pages sharing any bucket are candidates for comparison."""
    result = []
    for band in range(BANDS):
        rows = sig[band * ROWS: (band + 1) * ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).digest()
        result.append((band, int.from_bytes(digest, "little") >> 1))  # >> 1 keeps it inside signed BIGINT too
    return result
