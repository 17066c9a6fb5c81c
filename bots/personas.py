"""Personas: who a bot is. Sampled from the seed's taste dimensions, fixed for a whole run.

A persona is the recsim "user sampler": a hidden taste vector (from
:func:`netflix_sim.seed.ground_truth.sample_taste`), how much the artwork sways it, how fast
its attention falls down the page and along a row, how patient it is, how picky, whether it
searches and whether it binges. The choice model (:mod:`.choice`) reads these numbers; only
:mod:`.truth` turns the taste into affinities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from netflix_sim.seed.ground_truth import TASTE_DIMS, TruthVectors, sample_taste
from netflix_sim.seed.vocabulary import GENRES

PERSONA_KINDS: tuple[str, ...] = ("binge_drama", "action_fan", "kids", "indecisive", "searcher")
"""Every persona kind; bot ``i`` is of kind ``PERSONA_KINDS[i % 5]`` unless a mix is given."""

PATIENCE_S = (60.0, 90.0)
"""Seconds of browsing without a play before a viewer gives up (Netflix's 60 to 90 s)."""

GENRE_DIMS: tuple[str, ...] = tuple(dict.fromkeys(g.dim for g in GENRES))
"""Taste dimensions that are genre families (a searcher types one of their names)."""


@dataclass(frozen=True)
class Persona:
    """A simulated viewer's hidden traits (plain data: picklable, comparable)."""

    index: int
    """Bot number in the run (``bot-<policy>-<index>``)."""
    kind: str
    """One of :data:`PERSONA_KINDS`."""
    taste: tuple[float, ...]
    """Unit vector over :data:`TASTE_DIMS`; affinity for a title is ``taste @ vector``."""
    focus: str | None
    """The taste dimension it loves most (the one it searches for), if any."""
    maturity_level: int = 4
    """Its profile's maturity limit (0 for kids)."""
    device: str = "tv"
    artwork_sensitivity: float = 0.3
    """Weight of the artwork's appeal against the title's own in the click decision."""
    row_keep: float = 0.85
    """Attention kept from one row to the next: the chance of reading a row's tiles."""
    col_keep: float = 0.72
    """Attention kept from one tile to the next along a row (the cascade's continuation)."""
    patience_s: float = 75.0
    """Browsing seconds without a play before it abandons (or leaves after a play)."""
    look_s: float = 1.0
    """Seconds spent on a tile it looks at, before its appeal holds the eye longer."""
    click_bias: float = 0.0
    """Shifts the click threshold (in fit units): negative clicks more, positive is pickier."""
    play_bias: float = 0.0
    """Shifts the play threshold on the details screen (indecisive viewers are pickier)."""
    search_rate: float = 0.05
    """Chance of searching, at the start (searchers) or once browsing drags on."""
    binge: float = 0.15
    """Chance of looking for something else to watch after a play."""
    watch_bias: float = 0.0
    """Added to the watched fraction's logit: bingers stay longer."""

    @property
    def taste_vector(self) -> np.ndarray:
        """The taste as a float32 array."""
        return np.asarray(self.taste, dtype=np.float32)

    @property
    def search_query(self) -> str:
        """What it types in search: the name of the genre of its focus (or of its top dim)."""
        dim = self.focus if self.focus in GENRE_DIMS else None
        if dim is None:
            taste = self.taste_vector
            dims = [TASTE_DIMS.index(d) for d in GENRE_DIMS]
            dim = TASTE_DIMS[dims[int(np.argmax(taste[dims]))]]
        return next(g.name for g in GENRES if g.dim == dim)


def _search_focus(rng: np.random.Generator) -> str:
    return GENRE_DIMS[int(rng.integers(len(GENRE_DIMS)))]


def sample_persona(index: int, kind: str, rng: np.random.Generator) -> Persona:
    """One persona of ``kind``, its traits drawn from ``rng``."""
    if kind not in PERSONA_KINDS:
        raise ValueError(f"unknown persona kind {kind!r} (kinds: {', '.join(PERSONA_KINDS)})")
    focus: str | None = {
        "binge_drama": "drama",
        "action_fan": "action",
        "kids": "family",
        "indecisive": None,
        "searcher": None,
    }[kind]
    if kind == "searcher":
        focus = _search_focus(rng)
    taste = sample_taste(rng, focus)
    patience = float(rng.uniform(*PATIENCE_S))
    base = Persona(
        index=index,
        kind=kind,
        taste=tuple(float(x) for x in taste),
        focus=focus,
        patience_s=round(patience, 3),
        artwork_sensitivity=round(float(rng.uniform(0.15, 0.45)), 3),
        row_keep=round(float(rng.uniform(0.8, 0.9)), 3),
        col_keep=round(float(rng.uniform(0.65, 0.8)), 3),
        look_s=round(float(rng.uniform(1.0, 1.5)), 3),
    )
    if kind == "binge_drama":
        return replace(base, binge=0.55, watch_bias=0.8, col_keep=round(base.col_keep + 0.05, 3))
    if kind == "action_fan":
        return replace(
            base,
            artwork_sensitivity=round(base.artwork_sensitivity + 0.25, 3),
            look_s=round(base.look_s * 0.8, 3),
        )
    if kind == "kids":
        return replace(
            base,
            maturity_level=0,
            device="tablet",
            artwork_sensitivity=round(base.artwork_sensitivity + 0.3, 3),
            click_bias=-0.1,
            binge=0.35,
        )
    if kind == "indecisive":
        return replace(
            base,
            click_bias=-0.15,
            play_bias=0.2,
            look_s=round(base.look_s * 1.25, 3),
            search_rate=0.15,
        )
    return replace(base, search_rate=0.7)


def sample_personas(
    truth: TruthVectors | None,
    n: int,
    rng: np.random.Generator,
    kinds: Sequence[str] = PERSONA_KINDS,
) -> list[Persona]:
    """``n`` personas, kinds in turn from ``kinds``; persona ``i`` does not depend on ``n``.

    Tastes are over the ground truth's dimensions (``truth`` is checked against them when
    given). Each persona draws from its own child of ``rng``'s seed sequence
    (``rng.spawn``), so the first bots of a larger run are the bots of a smaller one.
    """
    if truth is not None and tuple(truth.dims) != TASTE_DIMS:
        raise ValueError("the ground truth has other taste dimensions than this version")
    if not kinds:
        raise ValueError("no persona kinds given")
    children = rng.spawn(n)
    return [sample_persona(i, kinds[i % len(kinds)], children[i]) for i in range(n)]


__all__ = [
    "GENRE_DIMS",
    "PATIENCE_S",
    "PERSONA_KINDS",
    "Persona",
    "sample_persona",
    "sample_personas",
]
