"""An embedding that needs no model download: hashed tokens, bigrams and character n-grams.

Good enough to tell "same code, same error, reworded question" from "another cell,
another error" — which is all same-problem detection needs — and deterministic, so
the threshold chosen on the labelled pairs in ``tests/`` holds everywhere.
"""

import itertools
import re
import zlib

import numpy as np

DIMENSIONS = 1024
TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
IDENTIFIER_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _features(text: str) -> list[tuple[str, float]]:
    tokens = [token.lower() for token in TOKEN.findall(text)]
    words = [token for token in tokens if token.isalnum()]
    features: list[tuple[str, float]] = [(f"t:{token}", 1.0) for token in tokens]
    features += [(f"b:{a} {b}", 1.0) for a, b in itertools.pairwise(words)]
    for word in words:
        if len(word) > 3:
            padded = f"<{word}>"
            features += [(f"c:{padded[i : i + 3]}", 0.5) for i in range(len(padded) - 2)]
    features += [(f"p:{part.lower()}", 0.5) for part in IDENTIFIER_PART.findall(text)]
    return features


def embed(text: str, dimensions: int = DIMENSIONS) -> np.ndarray:
    """L2-normalised signed feature hashing, with sublinear term weights."""
    counts: dict[int, float] = {}
    for feature, weight in _features(text):
        digest = zlib.crc32(feature.encode("utf-8"))
        index = digest % dimensions
        sign = 1.0 if digest & 0x80000000 else -1.0
        counts[index] = counts.get(index, 0.0) + sign * weight
    vector = np.zeros(dimensions, dtype=np.float32)
    for index, value in counts.items():
        vector[index] = np.sign(value) * np.log1p(abs(value))
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
