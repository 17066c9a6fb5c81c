"""Personas drawn from the ground truth's taste dimensions, and the bots' view of the truth."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from netflix_sim.bots import oracle
from netflix_sim.bots.personas import PATIENCE_S, PERSONA_KINDS, sample_persona, sample_personas
from netflix_sim.bots.truth import POPULARITY_WEIGHT, RECENT_PERSONAS, GroundTruth
from netflix_sim.engine import open_catalog
from netflix_sim.engine.policies import ScoringContext
from netflix_sim.seed.ground_truth import TASTE_DIMS, TruthVectors
from netflix_sim.seed.vocabulary import GENRES

from .conftest import synthetic_truth


def test_personas_cycle_through_the_kinds_with_their_traits() -> None:
    personas = sample_personas(None, 10, np.random.default_rng(3))
    assert [p.kind for p in personas] == list(PERSONA_KINDS) * 2
    assert [p.index for p in personas] == list(range(10))
    for p in personas:
        taste = p.taste_vector
        assert taste.shape == (len(TASTE_DIMS),)
        assert abs(float(np.linalg.norm(taste)) - 1.0) < 1e-5
        assert PATIENCE_S[0] <= p.patience_s <= PATIENCE_S[1]
        if p.focus is not None:
            assert TASTE_DIMS[int(np.argmax(taste))] == p.focus
        assert p.maturity_level == (0 if p.kind == "kids" else 4)
    by_kind = {p.kind: p for p in personas}
    assert by_kind["binge_drama"].focus == "drama" and by_kind["binge_drama"].binge > 0.5
    assert by_kind["action_fan"].focus == "action"
    assert by_kind["kids"].focus == "family" and by_kind["kids"].device == "tablet"
    assert by_kind["indecisive"].play_bias > 0
    assert by_kind["searcher"].search_rate > 0.5
    assert by_kind["searcher"].search_query in {g.name for g in GENRES}


def test_sampling_is_deterministic_and_does_not_depend_on_the_count() -> None:
    ten = sample_personas(None, 10, np.random.default_rng(8))
    assert sample_personas(None, 10, np.random.default_rng(8)) == ten
    assert sample_personas(None, 4, np.random.default_rng(8)) == ten[:4]
    assert sample_personas(None, 10, np.random.default_rng(9)) != ten


def test_bad_kinds_and_dimensions_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown persona kind"):
        sample_persona(0, "robot", np.random.default_rng(0))
    truth = synthetic_truth()
    other = type(truth.vectors)(**{**truth.vectors.__dict__, "dims": ("a", "b")})
    with pytest.raises(ValueError, match="taste dimensions"):
        sample_personas(other, 2, np.random.default_rng(0))


def test_the_truth_of_a_seeded_catalog(catalog_path: Path) -> None:
    truth = GroundTruth.load(catalog_path)
    persona = sample_persona(0, "action_fan", np.random.default_rng(1))
    mine = truth.for_persona(persona)
    vectors = truth.vectors
    title_id = int(vectors.title_ids[5])
    expected = float(vectors.title_vectors[5] @ persona.taste_vector)
    assert mine.affinity(title_id) == pytest.approx(expected, abs=1e-6)
    assert mine.utility(title_id) == pytest.approx(expected + truth.popularity_term[5])
    assert truth.popularity_term.max() <= POPULARITY_WEIGHT * np.log(1.01) + 1e-12
    assert truth.popularity_term.min() < -0.1  # the least known titles pull less
    artwork_id = int(vectors.artwork_ids[0])
    s = persona.artwork_sensitivity
    mixed = (1 - s) * mine.affinity(title_id) + s * mine.artwork_appeal(artwork_id)
    assert mine.appeal(title_id, artwork_id) == pytest.approx(
        mixed + mine.popularity_pull(title_id)
    )
    assert mine.affinity(10**9) == 0.0 and mine.artwork_appeal(-1) == 0.0
    assert mine.utility_quantile(1.0) == pytest.approx(
        float(truth.title_utility(persona.taste_vector).max())
    )


def test_the_oracle_scores_by_true_utility(catalog: object) -> None:
    from netflix_sim.engine import Catalog

    assert isinstance(catalog, Catalog)
    truth = GroundTruth.from_index(GroundTruth.load(catalog.path).vectors, catalog.index)
    persona = sample_persona(0, "binge_drama", np.random.default_rng(4))
    policy = catalog.policy("oracle")
    index = catalog.index
    ctx = ScoringContext(index, 0, np.zeros(index.n), np.random.default_rng(0), profile_id=777)
    try:
        oracle.install(truth, {777: persona.taste})
        scores = policy.scores(policy.fold_in(None), ctx)
        mine = truth.for_persona(persona)
        expected = [mine.utility(int(t)) for t in index.ids[:20]]
        assert scores[:20] == pytest.approx(expected, abs=1e-5)
        unknown = ScoringContext(index, 0, np.zeros(index.n), np.random.default_rng(0), 1)
        assert np.array_equal(policy.scores(np.zeros(0), unknown), index.popularity_z)
    finally:
        oracle.uninstall()


def test_an_oracle_session_shows_the_bots_best_titles_first(catalog_path: Path) -> None:
    truth = GroundTruth.load(catalog_path)
    persona = sample_persona(0, "action_fan", np.random.default_rng(6))
    with open_catalog(catalog_path, shared_learning=False) as catalog:
        profile = catalog.create_profile("bot-oracle-0", kind="bot")
        try:
            oracle.install(truth, {profile.id: persona.taste})
            page = catalog.start_session(profile, policy="oracle").home()
        finally:
            oracle.uninstall()
    mine = truth.for_persona(persona)
    first = [mine.utility(t.title_id) for row in page.rows[:5] for t in row.tiles[:6]]
    assert np.mean(first) > mine.utility_quantile(0.9)


def test_the_latest_personas_lookups_are_kept() -> None:
    truth = synthetic_truth()
    personas = sample_personas(truth.vectors, RECENT_PERSONAS + 1, np.random.default_rng(2))
    first = truth.for_persona(personas[0])
    assert truth.for_persona(replace(personas[0])) is first  # an equal persona: the same
    fresh = GroundTruth(truth.vectors).for_persona(personas[0])
    ids = truth.vectors.title_ids
    assert [first.utility(int(t)) for t in ids] == [fresh.utility(int(t)) for t in ids]
    assert first.utility_quantile(0.9) == fresh.utility_quantile(0.9)
    moved = replace(personas[0], taste=personas[1].taste)  # another persona: its own
    assert truth.for_persona(moved).affinity(1) == truth.for_persona(personas[1]).affinity(1)
    assert truth.for_persona(moved).affinity(1) != first.affinity(1)
    for persona in personas[2:]:
        assert truth.for_persona(persona).persona == persona
    assert truth.for_persona(personas[0]) is not first  # the oldest went first


def test_bulk_lookups_agree_with_the_one_by_one_ones() -> None:
    """``affinities``, ``vectors_for`` and the quantiles give exactly what looking titles up
    one at a time (or sorting everything) gives, unknown, gapped and negative ids included;
    artworks read right whether their ids are one run (a slice) or scattered."""
    rng = np.random.default_rng(2)
    v = rng.normal(size=(6, len(TASTE_DIMS))).astype(np.float32)
    for artwork_ids in (np.arange(20, 26), np.array([3, 9, 10, 40, 41, 70])):
        truth = GroundTruth(
            TruthVectors(
                dims=TASTE_DIMS,
                title_ids=np.array([2, 3, 5, 8, 9, 12]),
                title_vectors=v,
                artwork_ids=artwork_ids,
                artwork_vectors=v[::-1].copy(),
                profile_ids=np.zeros(0, dtype=np.int64),
                profile_vectors=np.zeros((0, len(TASTE_DIMS)), dtype=np.float32),
            )
        )
        mine = truth.for_persona(sample_persona(0, "action_fan", np.random.default_rng(1)))
        asked = [12, 2, 4, -1, 0, 13, 10**9, 5, 5]
        assert mine.affinities(asked) == [mine.affinity(t) for t in asked]
        assert mine.affinities([]) == []
        vectors = truth.vectors_for(asked)
        assert vectors.dtype == v.dtype and vectors.shape == (len(asked), len(TASTE_DIMS))
        for row, t in zip(vectors, asked, strict=True):
            known = list(truth.vectors.title_ids).index(t) if t in (2, 3, 5, 8, 9, 12) else None
            assert np.array_equal(row, v[known] if known is not None else np.zeros_like(row))
        assert truth.vectors_for(np.array([], dtype=np.int64)).shape == (0, len(TASTE_DIMS))
        taste = mine.persona.taste_vector
        appeal = v[::-1].copy() @ taste
        for k, artwork_id in enumerate(artwork_ids.tolist()):
            assert mine.artwork_appeal(artwork_id) == float(appeal[k])
        assert mine.artwork_appeal(int(artwork_ids.max()) + 1) == 0.0
        affinity = np.sort((v @ taste).astype(np.float64))
        assert mine.affinity_quantile(0.0) == affinity[0]
        assert mine.affinity_quantile(1.0) == affinity[-1]
