"""The FAISS index types behind the local store's dense search, on their own: a search kept to
a few allowed ids (a follow-up's letters, a reply's) finds what an exact search finds."""

import numpy as np
import pytest

from indexer.store.local import ann as ann_types

DIMENSION, SIZE = 32, 20_000


@pytest.fixture(scope="module")
def vectors():
    """Unit vectors in a few tight clusters, as passages on a few subjects are."""
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(20, DIMENSION))
    points = centres[rng.integers(0, len(centres), SIZE)] + 0.3 * rng.normal(size=(SIZE, DIMENSION))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return np.arange(1, SIZE + 1, dtype="int64"), points.astype("float32")


@pytest.mark.parametrize("kind", sorted(ann_types.KINDS))
def test_a_search_among_a_few_ids_is_exact(vectors, kind):
    """An HNSW graph search that may keep only a few of the vectors walks past them: at 100k
    passages it found 4% of the nearest passages within three named letters. Every index
    type must give the exact nearest among the allowed ids, nearest first."""
    ids, points = vectors
    index = ann_types.create(kind, DIMENSION)
    index.add(ids, points)
    rng = np.random.default_rng(11)
    for allowed_count in (1, 12, 300):
        allowed = np.sort(rng.choice(ids, size=allowed_count, replace=False))
        query = points[rng.integers(0, SIZE)]
        scores, found = index.search(query, 10, allowed)
        exact = points[allowed - 1] @ query
        order = np.argsort(-exact, kind="stable")[:10]
        assert list(found) == list(allowed[order])
        assert np.allclose(scores, exact[order], atol=1e-5)


@pytest.mark.parametrize("kind", sorted(ann_types.KINDS))
def test_a_search_of_the_whole_index_finds_the_nearest(vectors, kind):
    ids, points = vectors
    index = ann_types.create(kind, DIMENSION)
    index.add(ids, points)
    query = points[123]
    scores, found = index.search(query, 5)
    assert found[0] == ids[123] and scores[0] == pytest.approx(1.0, abs=1e-5)
    assert list(scores) == sorted(scores, reverse=True)
