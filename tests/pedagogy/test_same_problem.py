"""Same-problem detection on the labelled pairs that chose the default threshold."""

import json
from pathlib import Path

import numpy as np

from jupyter_tutor.tutor.similarity.local_embedding import DIMENSIONS, embed
from jupyter_tutor.tutor.similarity.same_problem import DEFAULT_THRESHOLD, cosine, turn_text

PAIRS = json.loads((Path(__file__).parent / "same_problem_pairs.json").read_text())


def similarity(pair: dict) -> float:
    return cosine(embed(turn_text(**pair["a"])), embed(turn_text(**pair["b"])))


def test_the_threshold_separates_every_labelled_pair():
    scores = [(similarity(pair), pair["same"]) for pair in PAIRS]
    wrong = [
        (round(score, 3), same) for score, same in scores if (score >= DEFAULT_THRESHOLD) != same
    ]
    assert wrong == []
    # Keep a margin on both sides, so small changes to the embedding don't flip pairs.
    assert min(s for s, same in scores if same) - DEFAULT_THRESHOLD >= 0.05
    assert DEFAULT_THRESHOLD - max(s for s, same in scores if not same) >= 0.05


def test_the_set_has_both_kinds():
    labels = [pair["same"] for pair in PAIRS]
    assert labels.count(True) >= 15 and labels.count(False) >= 15


def test_embedding_is_normalised_and_deterministic():
    vector = embed("result = A * B\nNameError: name 'B' is not defined")
    assert vector.shape == (DIMENSIONS,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    assert np.array_equal(vector, embed("result = A * B\nNameError: name 'B' is not defined"))
    assert not embed("").any()


def test_cosine_handles_edge_cases():
    assert cosine([1.0, 0.0], [1.0, 0.0]) == 1.0
    assert cosine([1.0, 0.0], [0.0, 0.0]) == 0.0
    assert cosine([1.0, 0.0], [1.0, 0.0, 0.0]) == 0.0  # different embedding models
