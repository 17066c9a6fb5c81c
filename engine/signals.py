"""How each event reads as implicit feedback: per-title weights, theme affinities, recency.

All the numbers live in one table, :class:`SignalWeights`; the defaults follow DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

if TYPE_CHECKING:
    from scipy import sparse

DAY_MS = 86_400_000

SIGNAL_TYPES = (
    "play_stop",
    "thumbs",
    "open_details",
    "dwell",
    "impression",
    "resume",
    "seek",
    "my_list",
    "search_click",
    "scroll",
)
"""Event types that carry feedback; the others are context."""


@dataclass(frozen=True)
class SignalWeights:
    """Default reading of every signal (DESIGN.md "Signals")."""

    play_base: float = 1.0
    """A play that got going, before its watched fraction counts."""
    play_per_fraction: float = 5.0
    """Extra weight for watching the whole title (scaled by the watched fraction)."""
    early_quit_fraction: float = 0.1
    """Below this watched fraction a stop reads as leaving early."""
    early_quit: float = -0.5
    resume: float = 0.3
    seek_back: float = 0.3
    thumbs_up: float = 4.0
    thumbs_love: float = 6.0
    thumbs_down: float = -5.0
    open_details: float = 0.5
    dwell: float = 0.25
    """A long look at a tile."""
    dwell_min_s: float = 2.0
    impression: float = -0.05
    """Shown and not clicked (the positive signals of a click outweigh it)."""
    my_list_add: float = 2.0
    search_click: float = 1.5
    theme_scroll_past: float = -0.3
    """Scrolling down past a row untouched: its theme loses affinity."""
    theme_scroll_along: float = 0.2
    """Scrolling along a row: its theme gains."""
    skipped_leading_title: float = -0.1
    """Scrolling along a row: each title scrolled past loses a little."""
    half_life_days: float = 14.0
    """Every signal halves in weight over this much session-clock time."""

    def decay(self, age_ms: np.ndarray | float) -> np.ndarray | float:
        """Recency factor for signals ``age_ms`` old (1 when fresh)."""
        age = np.maximum(np.asarray(age_ms, dtype=np.float64), 0.0)
        return np.exp2(-age / (self.half_life_days * DAY_MS))


DEFAULT_WEIGHTS = SignalWeights()


def _payload(event: Mapping[str, Any], decoded: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The event's payload as a dict: ``decoded`` when the caller has it already."""
    if decoded is not None:
        return decoded
    raw = event.get("payload")
    if not raw:
        return {}
    return raw if isinstance(raw, dict) else orjson.loads(raw)


def _play_weight(value: float | None, weights: SignalWeights) -> float | None:
    fraction = float(value or 0.0)
    if fraction < weights.early_quit_fraction:
        return weights.early_quit
    return weights.play_base + weights.play_per_fraction * fraction


def _thumbs_weight(value: float | None, weights: SignalWeights) -> float | None:
    reading = {1: weights.thumbs_up, 2: weights.thumbs_love, -1: weights.thumbs_down}
    return reading.get(round(value or 0), 0.0)


def _dwell_weight(value: float | None, weights: SignalWeights) -> float | None:
    return weights.dwell if (value or 0.0) >= weights.dwell_min_s else None


def _seek_weight(value: float | None, weights: SignalWeights) -> float | None:
    return weights.seek_back if (value or 0.0) < 0 else None


def _my_list_weight(value: float | None, weights: SignalWeights) -> float | None:
    return weights.my_list_add if (value or 0.0) > 0 else None


_TITLE_WEIGHT: dict[str, Callable[[float | None, SignalWeights], float | None]] = {
    "play_stop": _play_weight,
    "thumbs": _thumbs_weight,
    "open_details": lambda _, weights: weights.open_details,
    "dwell": _dwell_weight,
    "impression": lambda _, weights: weights.impression,
    "resume": lambda _, weights: weights.resume,
    "seek": _seek_weight,
    "my_list": _my_list_weight,
    "search_click": lambda _, weights: weights.search_click,
}
"""The weight an event of each type gives its own title, from the event's ``value``
(``None``: no signal, e.g. a short dwell). Scrolls weigh the titles in their payload."""


def title_effects(
    event: Mapping[str, Any],
    weights: SignalWeights = DEFAULT_WEIGHTS,
    payload: Mapping[str, Any] | None = None,
) -> list[tuple[int, float]]:
    """``(title_id, weight)`` pairs this event adds to the profile's feedback row.

    ``payload``: the event's payload decoded, when the caller has it (else it is read from
    the event's JSON)."""
    kind = event["type"]
    if kind == "scroll":
        skipped = _payload(event, payload).get("skipped_title_ids", [])
        return [(t, weights.skipped_leading_title) for t in skipped]
    weigh = _TITLE_WEIGHT.get(kind)
    title_id = event.get("title_id")
    if weigh is None or title_id is None:
        return []
    weight = weigh(event.get("value"), weights)
    return [] if weight is None else [(title_id, weight)]


def theme_effects(
    event: Mapping[str, Any],
    weights: SignalWeights = DEFAULT_WEIGHTS,
    payload: Mapping[str, Any] | None = None,
) -> list[tuple[str, float]]:
    """``(row_id, weight)`` pairs this event adds to the profile's theme affinities
    (``payload`` as for :func:`title_effects`)."""
    if event["type"] != "scroll" or not event.get("row_id"):
        return []
    payload = _payload(event, payload)
    direction = payload.get("direction")
    if direction == "down" and not payload.get("touched", False):
        return [(event["row_id"], weights.theme_scroll_past)]
    if direction == "right":
        return [(event["row_id"], weights.theme_scroll_along)]
    return []


@dataclass(frozen=True)
class FeedbackRow:
    """One profile's feedback as a sparse 1 x ``n_titles`` row: its non-zero cells.

    Reads like a one-row ``scipy.sparse.csr_matrix`` (``indices``, ``data``, ``nnz``,
    ``shape``, ``toarray()``) without importing scipy, which serving does not need;
    :meth:`tocsr` builds the real matrix for code that wants one.
    """

    indices: np.ndarray
    """Title indices of the non-zero cells, ascending (int32)."""
    data: np.ndarray
    """Their weights (float32)."""
    n_titles: int

    @property
    def nnz(self) -> int:
        """How many cells are non-zero."""
        return len(self.indices)

    @property
    def shape(self) -> tuple[int, int]:
        """``(1, n_titles)``."""
        return (1, self.n_titles)

    def toarray(self) -> np.ndarray:
        """The dense 1 x n_titles row."""
        out = np.zeros((1, self.n_titles), dtype=self.data.dtype)
        out[0, self.indices] = self.data
        return out

    def tocsr(self) -> sparse.csr_matrix:
        """The row as a scipy CSR matrix (imports scipy)."""
        from scipy import sparse

        return sparse.csr_matrix(
            (self.data, self.indices, np.asarray([0, self.nnz])), shape=self.shape
        )


@dataclass
class ProfileSignals:
    """One profile's signals so far, kept as raw (title, weight, time) triples."""

    n_titles: int
    weights: SignalWeights = DEFAULT_WEIGHTS
    title_idx: list[int] = field(default_factory=list)
    title_weight: list[float] = field(default_factory=list)
    title_t_ms: list[int] = field(default_factory=list)
    theme_items: list[tuple[str, float, int]] = field(default_factory=list)
    _cache: tuple[tuple[int, int], np.ndarray] | None = field(default=None, repr=False)

    def add(
        self,
        event: Mapping[str, Any],
        index_of: Mapping[int, int],
        payload: Mapping[str, Any] | None = None,
    ) -> bool:
        """Fold one event in; returns whether the per-title feedback changed.

        ``payload``: the event's payload decoded, when the caller has it (a scroll's is read
        for its skipped titles and direction)."""
        return self.add_all((event,), index_of, (payload,))

    def add_all(
        self,
        events: Iterable[Mapping[str, Any]],
        index_of: Mapping[int, int],
        payloads: Iterable[Mapping[str, Any] | None] | None = None,
    ) -> bool:
        """Fold events in, in order; returns whether the per-title feedback changed.

        ``payloads``: each event's payload decoded, or ``None`` (as for :meth:`add`). Events
        that weigh their own title (all but scrolls) take a short path: a session folds a
        page's impressions in one call."""
        changed = False
        weights = self.weights
        for event, payload in zip(events, payloads or repeat(None)):  # noqa: B905
            kind = event["type"]
            weigh = _TITLE_WEIGHT.get(kind)
            if weigh is None:  # a scroll, or no signal
                if kind == "scroll":
                    changed = self._add_scroll(event, index_of, payload) or changed
                continue
            title_id = event.get("title_id")
            if title_id is None:
                continue
            weight = weigh(event.get("value"), weights)
            idx = index_of.get(title_id)
            if weight is None or weight == 0.0 or idx is None:
                continue
            self.title_idx.append(idx)
            self.title_weight.append(weight)
            self.title_t_ms.append(int(event["t_ms"]))
            changed = True
        return changed

    def _add_scroll(
        self, event: Mapping[str, Any], index_of: Mapping[int, int], payload: Any
    ) -> bool:
        t_ms = int(event["t_ms"])
        changed = False
        for title_id, weight in title_effects(event, self.weights, payload):
            idx = index_of.get(title_id)
            if idx is None or weight == 0.0:
                continue
            self.title_idx.append(idx)
            self.title_weight.append(weight)
            self.title_t_ms.append(t_ms)
            changed = True
        for row_id, weight in theme_effects(event, self.weights, payload):
            self.theme_items.append((row_id, weight, t_ms))
        return changed

    def extend(self, events: Iterable[Mapping[str, Any]], index_of: Mapping[int, int]) -> None:
        """Fold in many events."""
        self.add_all(events, index_of)

    def copy(self) -> ProfileSignals:
        """An independent copy (the same signals; adding to one leaves the other alone)."""
        return ProfileSignals(
            self.n_titles,
            self.weights,
            list(self.title_idx),
            list(self.title_weight),
            list(self.title_t_ms),
            list(self.theme_items),
        )

    @property
    def count(self) -> int:
        """How many per-title signals are held."""
        return len(self.title_idx)

    def feedback(self, now_ms: int) -> np.ndarray:
        """Dense per-title feedback: decayed weights summed per title (read-only array)."""
        key = (len(self.title_idx), now_ms)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        if self.title_idx:
            decay = self.weights.decay(now_ms - np.asarray(self.title_t_ms, dtype=np.int64))
            out = np.bincount(
                np.asarray(self.title_idx),
                weights=np.asarray(self.title_weight) * decay,
                minlength=self.n_titles,
            )
        else:
            out = np.zeros(self.n_titles, dtype=np.float64)
        out.flags.writeable = False
        self._cache = (key, out)
        return out

    def feedback_row(self, now_ms: int) -> FeedbackRow:
        """The feedback's non-zero cells, the row a policy's fold-in takes."""
        dense = self.feedback(now_ms)
        nz = np.flatnonzero(dense)
        return FeedbackRow(nz.astype(np.int32), dense[nz].astype(np.float32), self.n_titles)

    def theme_affinity(self, now_ms: int) -> dict[str, float]:
        """Decayed theme affinities by row id."""
        out: dict[str, float] = {}
        if not self.theme_items:
            return out
        # every item's decay at once (the same floats as one at a time), summed in order
        row_ids, weights, times = zip(*self.theme_items, strict=True)
        decay = self.weights.decay(now_ms - np.asarray(times, dtype=np.int64))
        for row_id, value in zip(row_ids, (np.asarray(weights) * decay).tolist(), strict=True):
            out[row_id] = out.get(row_id, 0.0) + value
        return out


def feedback_matrix(
    events: Iterable[Mapping[str, Any]],
    user_index: Mapping[int, int],
    title_index: Mapping[int, int],
    now_ms: int,
    weights: SignalWeights = DEFAULT_WEIGHTS,
) -> sparse.csr_matrix:
    """Users x titles implicit-feedback matrix from stored events, with recency decay.

    For training only: it imports scipy (serving never does).
    """
    from scipy import sparse

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    times: list[int] = []
    for event in events:
        user = user_index.get(event["profile_id"])
        if user is None:
            continue
        for title_id, weight in title_effects(event, weights):
            col = title_index.get(title_id)
            if col is None:
                continue
            rows.append(user)
            cols.append(col)
            vals.append(weight)
            times.append(int(event["t_ms"]))
    decay = weights.decay(now_ms - np.asarray(times, dtype=np.int64)) if times else 1.0
    data = (np.asarray(vals, dtype=np.float64) * decay).astype(np.float32)
    matrix = sparse.csr_matrix(
        (data, (np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32))),
        shape=(len(user_index), len(title_index)),
    )
    matrix.sum_duplicates()
    return matrix
