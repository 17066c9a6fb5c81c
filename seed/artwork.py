"""Artwork variants: 3 to 9 per title, each with an aspect that fits the genre and a palette.

Variants of one title get hues a golden-ratio turn apart, so they look clearly different;
an actor close-up names the actor it shows (one of the three top-billed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sampling import gumbel_top
from .vocabulary import ASPECTS, GENRES, MAX_ARTWORKS

MIN_ARTWORKS = 3

_ASPECT_NAMES = tuple(ASPECTS)
_SLOT_ASPECT = np.asarray(
    [_ASPECT_NAMES.index(a) for a in _ASPECT_NAMES] + [_ASPECT_NAMES.index("actor close-up")] * 2
)
"""Slots a variant can fill: each aspect once, plus two more actor close-ups."""
_SLOT_ACTOR = np.asarray([0 if a == "actor close-up" else -1 for a in _ASPECT_NAMES] + [1, 2])
"""Billing of the actor a slot shows, -1 for slots without one."""
_SLOT_DISCOUNT = np.asarray([1.0] * len(_ASPECT_NAMES) + [0.35, 0.15])

_GENRE_HUE = {
    "Drama": 0.08,
    "Comedy": 0.14,
    "Thriller": 0.60,
    "Action & Adventure": 0.03,
    "Sci-Fi": 0.52,
    "Fantasy": 0.75,
    "Horror": 0.98,
    "Romance": 0.92,
    "Crime": 0.62,
    "Documentary": 0.30,
    "Kids & Family": 0.18,
    "Western": 0.07,
    "Mystery": 0.70,
    "Reality": 0.85,
}
_GOLDEN = 0.381966


@dataclass(frozen=True)
class ArtworkPlan:
    """Every artwork variant as parallel columns, ordered by title then variant."""

    title: np.ndarray
    """Title position of each variant."""
    variant: np.ndarray
    aspect: list[str]
    palette: list[str]
    person: np.ndarray
    """Person position shown (actor close-ups), -1 otherwise."""


def _hsl_to_hex(h: np.ndarray, s: np.ndarray, lightness: np.ndarray) -> list[str]:
    """Vectorised HSL -> "#rrggbb"."""
    c = (1 - np.abs(2 * lightness - 1)) * s
    hp = (h % 1.0) * 6
    x = c * (1 - np.abs(hp % 2 - 1))
    zero = np.zeros_like(h)
    sector = np.floor(hp).astype(np.int64) % 6
    r = np.choose(sector, [c, x, zero, zero, x, c])
    g = np.choose(sector, [x, c, c, x, zero, zero])
    b = np.choose(sector, [zero, zero, x, c, c, x])
    m = lightness - c / 2
    rgb = np.clip(np.rint((np.stack([r, g, b], axis=1) + m[:, None]) * 255), 0, 255)
    packed = (rgb.astype(np.int64) * np.asarray([1 << 16, 1 << 8, 1])).sum(axis=1)
    return [f"#{v:06x}" for v in packed.tolist()]


def plan_artwork(
    rng: np.random.Generator,
    genres: np.ndarray,
    popularity: np.ndarray,
    lead_actors: np.ndarray,
) -> ArtworkPlan:
    """Variants for titles with ``genres`` ([n, 3], main first, -1 padded)."""
    n = len(genres)
    fit = np.zeros((len(GENRES), len(_ASPECT_NAMES)))
    for g, spec in enumerate(GENRES):
        for aspect, w in spec.aspects.items():
            fit[g, _ASPECT_NAMES.index(aspect)] = w
    weights = np.full((n, len(_ASPECT_NAMES)), 0.05)
    for slot, rank_weight in enumerate((1.0, 0.4, 0.25)):
        present = genres[:, slot] >= 0
        weights[present] += rank_weight * fit[genres[present, slot]]
    slot_weights = weights[:, _SLOT_ASPECT] * _SLOT_DISCOUNT
    order = gumbel_top(rng, slot_weights)
    count = np.clip(
        MIN_ARTWORKS + rng.binomial(6, 0.25 + 0.5 * popularity), MIN_ARTWORKS, MAX_ARTWORKS
    )
    take = np.arange(order.shape[1])[None, :] < count[:, None]
    title = np.broadcast_to(np.arange(n)[:, None], order.shape)[take]
    variant = np.broadcast_to(np.arange(order.shape[1])[None, :], order.shape)[take]
    slots = order[take]
    aspect_idx = _SLOT_ASPECT[slots]
    billing = _SLOT_ACTOR[slots]
    person = np.where(billing >= 0, lead_actors[title, np.maximum(billing, 0)], -1)

    base_hue = np.asarray([_GENRE_HUE[g.name] for g in GENRES])[genres[:, 0]]
    base_hue = base_hue + rng.normal(0, 0.03, n)
    m = len(title)
    hue = base_hue[title] + variant * _GOLDEN + rng.normal(0, 0.02, m)
    bg = _hsl_to_hex(hue, rng.uniform(0.45, 0.75, m), rng.uniform(0.14, 0.30, m))
    accent_hue = hue + 0.5 + rng.normal(0, 0.06, m)
    accent = _hsl_to_hex(accent_hue, rng.uniform(0.65, 0.9, m), rng.uniform(0.55, 0.70, m))
    return ArtworkPlan(
        title=title,
        variant=variant,
        aspect=[_ASPECT_NAMES[a] for a in aspect_idx.tolist()],
        palette=[f"{b},{a}" for b, a in zip(bg, accent, strict=True)],
        person=person,
    )
