"""What a viewer is shown of each title in one session: its artwork and its preview.

Each is chosen once per title per session by the catalog's bandits; impressions and
opened previews are observed, and the minutes a play watches reward what led to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .title_index import distinct_titles
from .types import Preview

if TYPE_CHECKING:
    from .catalog import Catalog

MAX_ARTWORK_REWARD_MIN = 120.0
"""A play rewards the artwork it started from with its minutes watched, up to this."""
PEEK_STREAM = 0xA27
"""Side stream for artwork peeked at without choosing (never the session's own)."""
PREVIEW_STREAM = 0x7A11E5
"""Per-title stream for choosing previews (never the session's own)."""


def reward_minutes(watched_s: float) -> float:
    """The reward (minutes) a play of ``watched_s`` seconds gives, capped."""
    return min(watched_s / 60.0, MAX_ARTWORK_REWARD_MIN)


class ArtworkChoice:
    """The artwork each title shows in one session, and what its impressions teach."""

    def __init__(self, catalog: Catalog, last_seen: np.ndarray) -> None:
        """Nothing chosen yet; ``last_seen`` per title index from earlier sittings (-1)."""
        self._catalog = catalog
        n = catalog.index.n
        self.positions = np.full(n, -1, dtype=np.int64)
        """Per title, the artwork chosen for it in this session (-1: not chosen yet)."""
        self.propensity = np.zeros(n)
        """Per title, the propensity of its chosen artwork."""
        self.last_seen = last_seen
        """Per title, the artwork this profile last saw for it (the change effect)."""
        self.shown: dict[int, tuple[int, np.ndarray]] = {}
        """Title id -> (artwork position, features) of its latest impression, for rewards."""

    def _draw(
        self, titles: np.ndarray, features: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        catalog = self._catalog
        index = catalog.index
        return catalog.bandit.choose(
            features,
            titles,
            index.artwork_start,
            index.artwork_count,
            catalog.artwork_aspect_id,
            rng,
            previous=self.last_seen[titles],
        )

    def choose(
        self, titles: np.ndarray, features: np.ndarray, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """Artwork position and propensity per title index, choosing (from ``rng``) for
        titles not chosen yet."""
        titles = np.asarray(titles, dtype=np.int64)
        new = distinct_titles(titles[self.positions[titles] < 0], len(self.positions))
        if len(new):
            pos, propensity = self._draw(new, features, rng)
            self.positions[new] = pos
            self.propensity[new] = propensity
        return self.positions[titles], self.propensity[titles]

    def choose_one(self, idx: int, features: np.ndarray, rng: np.random.Generator) -> int:
        """:meth:`choose` for the one title at ``idx``: its artwork position (usually
        chosen already, on the page that showed it; the bandit draws one title on its own
        fast path)."""
        pos = int(self.positions[idx])
        if pos < 0:
            pos = int(self.choose(np.asarray([idx]), features, rng)[0][0])
        return pos

    def peek(
        self, titles: np.ndarray, features: np.ndarray, seed: int, profile_id: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`choose`, but titles not chosen yet get a draw from a side stream
        that is not kept."""
        pos = self.positions[titles].copy()
        propensity = self.propensity[titles].copy()
        new = (pos < 0).nonzero()[0]
        if len(new):
            rng = np.random.default_rng([seed, profile_id, PEEK_STREAM])
            pos[new], propensity[new] = self._draw(titles[new], features, rng)
        return pos, propensity

    def impressed(self, title_id: int, idx: int, features: np.ndarray) -> None:
        """A tile of the title at ``idx`` was seen: observe its artwork, remember it."""
        pos = int(self.positions[idx])
        if pos >= 0:
            catalog = self._catalog
            if catalog.shared_learning:
                aspect = int(catalog.artwork_aspect_id[pos])
                catalog.bandit.observe(features, aspect)
            self.last_seen[idx] = pos
            self.shown[title_id] = (pos, features)

    def reward_play(self, title_id: int, watched_s: float) -> None:
        """Reward the artwork last seen for ``title_id`` with the minutes watched."""
        catalog = self._catalog
        shown = self.shown.get(title_id)
        if catalog.shared_learning and shown is not None and watched_s > 0:
            pos, features = shown
            aspect = int(catalog.artwork_aspect_id[pos])
            catalog.bandit.reward(features, aspect, reward_minutes(watched_s))


class PreviewChoice:
    """The trailer each title previews with in one session, and what plays teach."""

    def __init__(self, catalog: Catalog, seed: int, profile_id: int) -> None:
        """Nothing chosen yet; ``seed`` and ``profile_id`` seed the per-title streams."""
        self._catalog = catalog
        self._seed = seed
        self._profile_id = profile_id
        self.chosen: dict[int, Preview | None] = {}
        """Title id -> the trailer chosen as its preview in this session."""
        self.previewed: dict[int, tuple[int, np.ndarray]] = {}
        """Title id -> (trailer aspect id, features) of its latest preview, for rewards."""

    def choose(self, title_id: int, idx: int, features: np.ndarray) -> Preview | None:
        """The preview of ``title_id`` (at ``idx``), chosen on first ask; ``None`` for a
        title without trailers."""
        if title_id in self.chosen:
            return self.chosen[title_id]
        picker = self._catalog.trailers
        rng = np.random.default_rng([self._seed, self._profile_id, title_id, PREVIEW_STREAM])
        chosen = picker.choose(features, idx, rng)
        preview = None
        if chosen is not None:
            pos, propensity = chosen
            t = picker.trailers
            preview = Preview(
                trailer_id=int(t.ids[pos]),
                title_id=title_id,
                variant=int(t.variant[pos]),
                aspect=t.aspect[pos],
                label=t.label[pos],
                duration_s=int(t.duration_s[pos]),
                propensity=round(propensity, 6),
            )
        self.chosen[title_id] = preview
        return preview

    def observe(self, preview: Preview, features: np.ndarray) -> None:
        """The preview was shown (details opened): remember it and observe its aspect."""
        picker = self._catalog.trailers
        aspect = picker.bandit.aspect_id.get(preview.aspect)
        if aspect is None:
            return
        self.previewed[preview.title_id] = (aspect, features)
        if self._catalog.shared_learning:
            picker.bandit.observe(features, aspect)

    def reward_play(self, title_id: int, watched_s: float) -> None:
        """Forget the title's latest preview, rewarding it with the minutes watched."""
        previewed = self.previewed.pop(title_id, None)
        if self._catalog.shared_learning and previewed is not None and watched_s > 0:
            aspect, features = previewed
            self._catalog.trailers.bandit.reward(features, aspect, reward_minutes(watched_s))
