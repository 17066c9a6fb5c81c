"""Hidden ground truth: a taste vector for every title, artwork and crowd profile.

Stored in the catalog's ``ground_truth`` table, which is *not* part of the engine's
metadata (:class:`GroundTruth` has its own), so the engine never creates or reads it;
only the seed writes it and bots read it through :func:`load_ground_truth`.
Vectors are unit-length float32, little-endian, over :data:`TASTE_DIMS`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import MetaData, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Field, SQLModel

from netflix_sim.engine.database import open_catalog_engine
from netflix_sim.engine.errors import CatalogError

from .titles import GENRE_RANK_WEIGHT
from .vocabulary import ASPECTS, GENRES, TAGS, TASTE_DIMS

__all__ = [
    "TASTE_DIMS",
    "GroundTruth",
    "TruthVectors",
    "artwork_vectors",
    "load_ground_truth",
    "sample_taste",
    "title_vectors",
]

DIM_INDEX: dict[str, int] = {d: i for i, d in enumerate(TASTE_DIMS)}
"""Taste dimension name -> position."""

TITLE_NOISE = 0.12
"""Standard deviation of the per-dimension noise on a title's vector (before normalising)."""

TAG_WEIGHT = 0.2
"""How much each tag's moods add to a title's vector (a genre adds 1 when main)."""

ARTWORK_PULL = 0.5
"""How far an artwork's vector moves toward its aspect's dimensions."""


class _TruthBase(SQLModel):
    metadata = MetaData()


class GroundTruth(_TruthBase, table=True):
    """One hidden vector: ``kind`` is "title", "artwork" or "profile" (crowd tastes)."""

    __tablename__ = "ground_truth"

    kind: str = Field(primary_key=True)
    entity_id: int = Field(primary_key=True)
    vector: bytes
    """float32 little-endian, one value per :data:`TASTE_DIMS` entry."""


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(norm, 1e-12)


def _dims(weights: dict[str, float]) -> np.ndarray:
    out = np.zeros(len(TASTE_DIMS))
    for dim, w in weights.items():
        out[DIM_INDEX[dim]] += w
    return out


GENRE_VECTORS = np.stack([_dims({g.dim: 1.0, **g.moods}) for g in GENRES])
"""[genres, dims]: what each genre is made of."""
TAG_VECTORS = np.stack([_dims(t.moods) for t in TAGS])
"""[tags, dims]: the moods each tag adds."""
ASPECT_VECTORS = {name: _dims(w) for name, w in ASPECTS.items()}
"""The dimensions each artwork aspect appeals to."""


def title_vectors(
    rng: np.random.Generator,
    genres: np.ndarray,
    tag_title: np.ndarray,
    tag_index: np.ndarray,
) -> np.ndarray:
    """[n, dims] unit vectors: genres (main weighs most) + tags + a little noise."""
    n = len(genres)
    v = np.zeros((n, len(TASTE_DIMS)))
    for slot, rank_weight in enumerate(GENRE_RANK_WEIGHT):
        present = genres[:, slot] >= 0
        v[present] += rank_weight * GENRE_VECTORS[genres[present, slot]]
    np.add.at(v, tag_title, TAG_WEIGHT * TAG_VECTORS[tag_index])
    v += rng.normal(0.0, TITLE_NOISE, v.shape)
    return _unit(np.maximum(v, 0.0))


def artwork_vectors(
    rng: np.random.Generator, titles: np.ndarray, title_vecs: np.ndarray, aspects: list[str]
) -> np.ndarray:
    """[m, dims] unit vectors: the title's vector pulled toward its aspect."""
    names = list(ASPECT_VECTORS)
    pulls = _unit(np.stack([ASPECT_VECTORS[a] for a in names]))
    lookup = {a: i for i, a in enumerate(names)}
    pull = pulls[np.fromiter((lookup[a] for a in aspects), dtype=np.int64, count=len(aspects))]
    v = title_vecs[titles] + ARTWORK_PULL * pull + rng.normal(0.0, 0.03, pull.shape)
    return _unit(np.maximum(v, 0.0))


def sample_taste(rng: np.random.Generator, focus: str | None = None) -> np.ndarray:
    """A bot's hidden taste: a unit vector over :data:`TASTE_DIMS`.

    Sparse-ish: a faint background, one to three loved dimensions (``focus`` first and
    strongest when given) and up to two disliked ones (negative). ``affinity = taste @
    title_vector`` then lies in [-1, 1].
    """
    d = len(TASTE_DIMS)
    if focus is not None and focus not in DIM_INDEX:
        raise ValueError(f"unknown taste dimension {focus!r}; expected one of {TASTE_DIMS}")
    taste = rng.gamma(0.35, 0.2, d)
    n_loves = 1 + min(int(rng.poisson(0.8)), 2)
    order = [int(i) for i in rng.permutation(d)]
    loves: list[int] = []
    if focus is not None:
        loves.append(DIM_INDEX[focus])
        taste[loves[0]] += rng.uniform(1.3, 1.7)
    for i in order:
        if len(loves) >= n_loves:
            break
        if i not in loves:
            loves.append(i)
            taste[i] += rng.uniform(0.6, 1.1)
    n_dislikes = int(rng.integers(0, 3))
    dislikes = [i for i in reversed(order) if i not in loves][:n_dislikes]
    taste[dislikes] = -rng.uniform(0.3, 0.7, len(dislikes))
    return _unit(taste)


def encode(vectors: np.ndarray) -> list[bytes]:
    """Rows of ``vectors`` as float32 little-endian bytes."""
    data = np.ascontiguousarray(vectors, dtype="<f4")
    return [row.tobytes() for row in data]


def decode(blobs: list[bytes]) -> np.ndarray:
    """Inverse of :func:`encode`: [len(blobs), dims] float32."""
    if not blobs:
        return np.zeros((0, len(TASTE_DIMS)), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), -1).astype(np.float32)


@dataclass(frozen=True)
class TruthVectors:
    """Every hidden vector of a catalog; ids ascend, row i of each matrix is id i."""

    dims: tuple[str, ...]
    title_ids: np.ndarray
    title_vectors: np.ndarray
    artwork_ids: np.ndarray
    artwork_vectors: np.ndarray
    profile_ids: np.ndarray
    """Crowd profiles whose taste is known."""
    profile_vectors: np.ndarray

    def title(self, title_id: int) -> np.ndarray:
        """The vector of one title (KeyError when unknown)."""
        return self.title_vectors[_row(self.title_ids, title_id)]

    def artwork(self, artwork_id: int) -> np.ndarray:
        """The vector of one artwork variant (KeyError when unknown)."""
        return self.artwork_vectors[_row(self.artwork_ids, artwork_id)]

    def profile(self, profile_id: int) -> np.ndarray:
        """The hidden taste of one crowd profile (KeyError when unknown)."""
        return self.profile_vectors[_row(self.profile_ids, profile_id)]

    def title_affinity(self, taste: np.ndarray) -> np.ndarray:
        """Affinity of ``taste`` for every title, in ``title_ids`` order."""
        return self.title_vectors @ np.asarray(taste, dtype=np.float32)


def _row(ids: np.ndarray, entity_id: int) -> int:
    i = int(np.searchsorted(ids, entity_id))
    if i >= len(ids) or ids[i] != entity_id:
        raise KeyError(entity_id)
    return i


def load_ground_truth(path: str | Path) -> TruthVectors:
    """Read the hidden vectors of the catalog at ``path``.

    Raises :class:`CatalogError` when the file is not a catalog, has no ground truth, or
    was seeded with other taste dimensions.
    """
    engine = open_catalog_engine(path)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT value FROM meta WHERE key = 'taste_dims'")).first()
            rows = conn.execute(
                text("SELECT kind, entity_id, vector FROM ground_truth ORDER BY kind, entity_id")
            ).all()
    except OperationalError as exc:
        raise CatalogError(f"catalog {path} has no ground truth ({exc.orig})") from exc
    finally:
        engine.dispose()
    if stored is None or tuple(json.loads(stored[0])) != TASTE_DIMS:
        raise CatalogError(f"catalog {path} was seeded with other taste dimensions; seed it again")
    parts: dict[str, tuple[list[int], list[bytes]]] = {
        k: ([], []) for k in ("title", "artwork", "profile")
    }
    for kind, entity_id, vector in rows:
        if kind in parts:
            parts[kind][0].append(int(entity_id))
            parts[kind][1].append(bytes(vector))

    def ids(kind: str) -> np.ndarray:
        return np.asarray(parts[kind][0], dtype=np.int64)

    return TruthVectors(
        dims=TASTE_DIMS,
        title_ids=ids("title"),
        title_vectors=decode(parts["title"][1]),
        artwork_ids=ids("artwork"),
        artwork_vectors=decode(parts["artwork"][1]),
        profile_ids=ids("profile"),
        profile_vectors=decode(parts["profile"][1]),
    )
