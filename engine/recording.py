"""What a session records about the model state it starts from, so it can be replayed.

A home page depends on the policy's learned state, the artwork bandit's state, the
catalog-wide play counts (Trending Now, Top 10 Today), the profile's history and the
session's seed. :func:`session_start_state` captures all of it in the ``session_start``
payload: the seed, policy, device and learning switch; digests of the policy and of the
artwork and trailer bandits; the play counts; the profile's ratings and My List; and, when
learning is shared (the bandits change between sessions), snapshots of the bandits. Replays
(``netflix_sim.research.replay``) restore that state and check the digests.
"""

from __future__ import annotations

import base64
import hashlib
import operator
import weakref
import zlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .events import to_json

if TYPE_CHECKING:
    from .artwork import ArtworkBandit
    from .catalog import Catalog
    from .policies import Policy

_POLICY_DIGESTS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
"""Digest per policy object (a policy's state only changes by replacing the object)."""
_FIXED_SHARED_STATES: weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...], _SharedState]] = (
    weakref.WeakKeyDictionary()
)
"""Per catalog without shared learning: the objects its sessions' shared state was read
from, and that state (see :func:`_shared_state`)."""


def arrays_digest(arrays: Mapping[str, np.ndarray]) -> str:
    """A short stable digest (16 hex digits) of named arrays: names, dtypes, shapes, bytes."""
    h = hashlib.blake2b(digest_size=8)
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name}:{a.dtype.str}:{a.shape};".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def policy_digest(policy: Policy) -> str:
    """Digest of a policy's learned state (its name and hyper-parameters included)."""
    found = _POLICY_DIGESTS.get(policy)
    if found is None:
        state = dict(policy.get_state())
        state["__name__"] = np.asarray(policy.name)
        state["__params__"] = np.asarray(repr(sorted(policy.hyperparams().items())))
        found = _POLICY_DIGESTS[policy] = arrays_digest(state)
    return found


def bandit_digest(bandit: ArtworkBandit) -> str:
    """Digest of the artwork bandit's learned state (precision, target, counts)."""
    return arrays_digest(bandit.to_arrays())


def encode_bandit(bandit: ArtworkBandit) -> str:
    """The bandit's state as compressed base64 text (exact float64 values)."""
    arrays = bandit.to_arrays()
    d = arrays["target"].shape[1]
    parts = [
        np.asarray([len(bandit.aspects), d], dtype=np.float64),
        arrays["precision"].ravel(),
        arrays["target"].ravel(),
        arrays["impressions"].astype(np.float64),
    ]
    raw = np.concatenate(parts).astype("<f8").tobytes()
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def decode_bandit(text: str, aspects: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Arrays for ``ArtworkBandit.from_arrays`` from :func:`encode_bandit`'s text."""
    flat = np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype="<f8")
    n_a, d = int(flat[0]), int(flat[1])
    if n_a != len(aspects):
        raise ValueError("the recorded bandit has another set of artwork aspects")
    at = 2
    precision = flat[at : at + n_a * d * d].reshape(n_a, d, d).copy()
    at += n_a * d * d
    target = flat[at : at + n_a * d].reshape(n_a, d).copy()
    at += n_a * d
    impressions = flat[at : at + n_a].astype(np.int64)
    return {
        "aspects": np.asarray(aspects, dtype=np.str_),
        "precision": precision,
        "target": target,
        "impressions": impressions,
    }


def sparse_counts(counts: np.ndarray, ids: np.ndarray) -> dict[str, list[float]]:
    """Non-zero per-title counts as ``{"ids": [title ids], "n": [counts]}``."""
    nz = np.flatnonzero(counts)
    return {"ids": [int(i) for i in ids[nz]], "n": [float(c) for c in counts[nz]]}


def dense_counts(
    data: Mapping[str, list[float]], index_of: Mapping[int, int], n: int
) -> np.ndarray:
    """Per-title counts (index order) from :func:`sparse_counts`; unknown titles dropped."""
    out = np.zeros(n)
    for title_id, count in zip(data.get("ids", []), data.get("n", []), strict=True):
        idx = index_of.get(int(title_id))
        if idx is not None:
            out[idx] = count
    return out


def session_start_state(
    catalog: Catalog,
    *,
    policy: str,
    seed: int,
    device: str,
    ratings: Mapping[int, int],
    my_list: list[int],
) -> dict[str, Any]:
    """The ``session_start`` payload fields that make the session replayable."""
    shared = _shared_state(catalog).fields
    return {
        **_own_state(catalog, policy=policy, seed=seed, device=device),
        "artwork": dict(shared["artwork"]),
        "trending": shared["trending"],
        "today": shared["today"],
        "ratings": {str(t): int(v) for t, v in sorted(ratings.items())},
        "my_list": [int(t) for t in my_list],
        "trailers": dict(shared["trailers"]),
    }


def session_start_payload(
    catalog: Catalog,
    *,
    profile: str,
    policy: str,
    seed: int,
    device: str,
    ratings: Mapping[int, int],
    my_list: list[int],
) -> str:
    """The ``session_start`` payload as JSON text: ``{"profile": profile,
    **session_start_state(...)}`` as :func:`.events.to_json` writes it.

    The shared fields' text is spliced in, encoded once per catalog while it cannot change
    (10 KB of play counts, which cost every session start 0.03 to 0.1 ms to encode).
    """
    own = _own_state(catalog, policy=policy, seed=seed, device=device)
    own["profile"] = profile
    own["ratings"] = {str(t): int(v) for t, v in sorted(ratings.items())}
    own["my_list"] = [int(t) for t in my_list]
    texts = {key: to_json(value) for key, value in own.items()}
    texts.update(_shared_state(catalog).texts)
    # keys sorted, as to_json sorts them (they are plain ASCII: quoting is all they need)
    return "{" + ",".join(f'"{key}":{texts[key]}' for key in sorted(texts)) + "}"


def _own_state(catalog: Catalog, *, policy: str, seed: int, device: str) -> dict[str, Any]:
    """The session's own payload fields, apart from the profile's history."""
    return {
        "seed": int(seed),
        "policy": policy,
        "device": device,
        "shared_learning": bool(catalog.shared_learning),
        "model": {
            policy: policy_digest(catalog.policy(policy)),
            "als": policy_digest(catalog.policy("als")),
        },
    }


@dataclass(frozen=True)
class _SharedState:
    """The payload fields every profile's sessions share, and their JSON texts."""

    fields: dict[str, Any]
    texts: dict[str, str]


def _shared_state(catalog: Catalog) -> _SharedState:
    """The state every profile's sessions share: the bandits and the play counts.

    Without shared learning nothing of it changes while the catalog is open, so it is
    worked out once per catalog (hashing and listing it cost a bot session 0.5 ms).
    """
    trailers = catalog.trailers.bandit
    sources = (catalog.bandit, trailers, catalog.trending, catalog.today)
    if not catalog.shared_learning:
        found = _FIXED_SHARED_STATES.get(catalog)
        if found is not None and all(map(operator.is_, found[0], sources)):
            return found[1]
    index = catalog.index
    fields: dict[str, Any] = {
        "artwork": {
            "config": asdict(catalog.bandit.config),
            "digest": bandit_digest(catalog.bandit),
        },
        "trailers": {"digest": bandit_digest(trailers)},
        "trending": sparse_counts(catalog.trending, index.ids),
        "today": sparse_counts(catalog.today, index.ids),
    }
    if catalog.shared_learning:  # the bandits learn between sessions: keep them
        fields["artwork"]["state"] = encode_bandit(catalog.bandit)
        fields["trailers"]["state"] = encode_bandit(trailers)
    state = _SharedState(fields, {key: to_json(value) for key, value in fields.items()})
    if not catalog.shared_learning:
        # kept until one of its sources is replaced (a replay puts recorded ones in place)
        _FIXED_SHARED_STATES[catalog] = (sources, state)
    return state


__all__ = [
    "arrays_digest",
    "bandit_digest",
    "decode_bandit",
    "dense_counts",
    "encode_bandit",
    "policy_digest",
    "session_start_payload",
    "session_start_state",
    "sparse_counts",
]
