"""The policy contract: one test mixin every registered policy runs (as implicit's models do).

A small two-block feedback matrix (the first half of the users like the first half of the
titles, the rest the rest) and a tiny title index stand in for a catalog; the catalog tests
at the end use the seeded one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from scipy import sparse

from netflix_sim.engine import Catalog, UnknownPolicyError, VirtualClock
from netflix_sim.engine.pages import FIRST_SCREEN_COLS
from netflix_sim.engine.policies import (
    POLICIES,
    Policy,
    ScoringContext,
    make_policy,
    register_policy,
)

N_USERS, N_TITLES = 60, 40
BLOCK = N_TITLES // 2


@dataclass
class FakeIndex:
    """The title arrays policies read, for 40 titles in 4 genres."""

    n: int
    popularity: np.ndarray
    popularity_z: np.ndarray
    main_genre: np.ndarray


def fake_index() -> FakeIndex:
    rng = np.random.default_rng(3)
    popularity = rng.random(N_TITLES)
    log_pop = np.log1p(popularity * 100)
    return FakeIndex(
        n=N_TITLES,
        popularity=popularity,
        popularity_z=(log_pop - log_pop.mean()) / log_pop.std(),
        main_genre=np.arange(N_TITLES) % 4,
    )


def block_matrix() -> sparse.csr_matrix:
    """Users x titles: each user likes about 60 % of its block's titles, dislikes a few."""
    rng = np.random.default_rng(11)
    dense = np.zeros((N_USERS, N_TITLES), dtype=np.float32)
    for user in range(N_USERS):
        lo = 0 if user < N_USERS // 2 else BLOCK
        liked = rng.random(BLOCK) < 0.6
        dense[user, lo : lo + BLOCK][liked] = rng.uniform(1.0, 6.0, liked.sum())
        other = BLOCK - lo
        dense[user, other + rng.integers(BLOCK)] = -0.5
    return sparse.csr_matrix(dense)


def feedback_row(weights: dict[int, float]) -> sparse.csr_matrix:
    cols = np.asarray(sorted(weights), dtype=np.int32)
    data = np.asarray([weights[c] for c in cols], dtype=np.float32)
    return sparse.csr_matrix((data, (np.zeros(len(cols), dtype=np.int32), cols)), (1, N_TITLES))


def context(index: FakeIndex, signals: int = 0, seed: int = 0) -> ScoringContext:
    trending = np.arange(index.n, dtype=np.float64) % 5
    return ScoringContext(
        index=index, signal_count=signals, trending=trending, rng=np.random.default_rng(seed)
    )


LIKES_SECOND_BLOCK = {BLOCK + 1: 6.0, BLOCK + 4: 4.0, BLOCK + 7: 5.0, BLOCK + 9: 2.0, 3: -0.5}


class PolicyContract:
    """What every policy must do; a subclass per registered policy runs it."""

    name: ClassVar[str]
    params: ClassVar[dict[str, Any]] = {}
    learns: ClassVar[bool] = False
    """Whether it learns from the matrix (then fold-in must follow the blocks)."""

    def make(self, matrix: sparse.csr_matrix | None = None) -> Policy:
        policy = make_policy(self.name, fake_index(), **self.params)
        assert policy.name == self.name
        policy.fit(block_matrix() if matrix is None else matrix)
        return policy

    def scores(self, policy: Policy, row: sparse.csr_matrix, seed: int = 0) -> np.ndarray:
        state = policy.fold_in(row)
        return policy.scores(state, context(policy.index, signals=row.nnz, seed=seed))

    def test_empty_row_gives_a_valid_state(self) -> None:
        policy = self.make()
        state = policy.fold_in(sparse.csr_matrix((1, N_TITLES), dtype=np.float32))
        assert isinstance(state, np.ndarray)
        scores = policy.scores(state, context(policy.index))
        assert scores.shape == (N_TITLES,)
        assert np.isfinite(scores).all()

    def test_scores_are_finite_per_title(self) -> None:
        scores = self.scores(self.make(), feedback_row(LIKES_SECOND_BLOCK))
        assert scores.shape == (N_TITLES,)
        assert np.isfinite(scores).all()

    def test_fits_an_empty_matrix(self) -> None:
        policy = self.make(sparse.csr_matrix((0, N_TITLES), dtype=np.float32))
        scores = self.scores(policy, feedback_row(LIKES_SECOND_BLOCK))
        assert scores.shape == (N_TITLES,)
        assert np.isfinite(scores).all()

    def test_fold_in_follows_the_liked_block(self) -> None:
        policy = self.make()
        scores = self.scores(policy, feedback_row(LIKES_SECOND_BLOCK))
        if not self.learns:  # the same page for everyone
            cold = self.scores(policy, sparse.csr_matrix((1, N_TITLES), dtype=np.float32))
            np.testing.assert_array_equal(scores, cold)
            return
        unseen = np.setdiff1d(np.arange(BLOCK, N_TITLES), list(LIKES_SECOND_BLOCK))
        assert scores[unseen].mean() > scores[:BLOCK].mean()
        top = np.argsort(-scores)[:10]
        assert (top >= BLOCK).sum() >= 8

    @pytest.mark.parametrize("title", [0, BLOCK + 5, N_TITLES - 1])
    def test_similar_titles_are_distinct_others(self, title: int) -> None:
        policy = self.make()
        similar = policy.similar(title, 10)
        assert len(similar) == 10
        assert len(set(similar.tolist())) == 10
        assert title not in similar
        assert ((similar >= 0) & (similar < N_TITLES)).all()
        assert len(policy.similar(title, 1000)) == N_TITLES - 1
        if self.learns:  # titles of the same block
            same = (similar >= BLOCK) == (title >= BLOCK)
            assert same.sum() >= 8

    def test_save_load_round_trip(self, tmp_path: Path) -> None:
        policy = self.make()
        path = tmp_path / f"{self.name}.npz"
        fingerprint = {"titles": N_TITLES, "params": [1, 2.5]}
        policy.save(path, fingerprint)
        loaded = make_policy(self.name, fake_index(), **self.params)
        assert loaded.load(path, fingerprint)
        assert loaded.trained_on == policy.trained_on
        row = feedback_row(LIKES_SECOND_BLOCK)
        np.testing.assert_allclose(self.scores(loaded, row), self.scores(policy, row), rtol=1e-6)
        np.testing.assert_array_equal(loaded.similar(3, 5), policy.similar(3, 5))
        other = make_policy(self.name, fake_index(), **self.params)
        assert not other.load(path, {"titles": N_TITLES + 1, "params": [1, 2.5]})
        assert not other.load(tmp_path / "missing.npz", fingerprint)

    def test_same_seed_same_scores(self) -> None:
        row = feedback_row(LIKES_SECOND_BLOCK)
        first, second = self.make(), self.make()
        np.testing.assert_array_equal(first.fold_in(row), second.fold_in(row))
        np.testing.assert_array_equal(self.scores(first, row), self.scores(second, row))
        np.testing.assert_array_equal(self.scores(first, row, 5), self.scores(first, row, 5))


class TestAls(PolicyContract):
    name = "als"
    learns = True
    params: ClassVar[dict[str, Any]] = {"factors": 8, "iterations": 10}


class TestBpr(PolicyContract):
    name = "bpr"
    learns = True
    params: ClassVar[dict[str, Any]] = {"factors": 8, "iterations": 200, "learning_rate": 0.05}


class TestPopular(PolicyContract):
    name = "popular"


class TestRandom(PolicyContract):
    name = "random"


def test_every_registered_policy_runs_the_contract() -> None:
    covered = {cls.name for cls in PolicyContract.__subclasses__()}
    engine_policies = {
        name for name, cls in POLICIES.items() if cls.__module__.startswith("netflix_sim.engine")
    }  # others (the bots' oracle) are registered by their packages and tested there
    assert engine_policies <= covered
    assert {"als", "bpr", "popular", "random"} <= covered


def test_a_file_of_another_policy_does_not_load(tmp_path: Path) -> None:
    path = tmp_path / "state.npz"
    als = make_policy("als", fake_index(), factors=8)
    als.fit(block_matrix())
    als.save(path)
    assert not make_policy("bpr", fake_index(), factors=8).load(path)
    assert not make_policy("als", fake_index(), factors=16).load(path)  # other parameters


def test_bpr_fold_in_is_fast_and_ranks_disliked_titles_low() -> None:
    policy = make_policy("bpr", fake_index(), factors=8, iterations=200, learning_rate=0.05)
    policy.fit(block_matrix())
    liked = {BLOCK + 1: 6.0, BLOCK + 4: 4.0}
    plain = policy.scores(policy.fold_in(feedback_row(liked)), context(policy.index))
    disliked = policy.scores(
        policy.fold_in(feedback_row({**liked, BLOCK + 2: -5.0})), context(policy.index)
    )
    assert disliked[BLOCK + 2] < plain[BLOCK + 2]


def test_unknown_policy_names_the_known_ones(catalog: Catalog) -> None:
    with pytest.raises(UnknownPolicyError, match=r"policies: als, bpr, (oracle, )?popular, random"):
        make_policy("magic", fake_index())
    with pytest.raises(UnknownPolicyError, match="unknown policy 'magic'"):
        catalog.policy("magic")
    with pytest.raises(UnknownPolicyError):
        catalog.start_session(catalog.profiles()[0], policy="magic")


def test_register_policy_checks_the_class() -> None:
    with pytest.raises(TypeError):
        register_policy(dict)  # type: ignore[type-var]

    class Nameless(Policy):
        def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
            return np.zeros(ctx.index.n)

    with pytest.raises(ValueError, match="name"):
        register_policy(Nameless)
    with pytest.raises(TypeError, match="no parameters"):
        make_policy("popular", fake_index(), alpha=1.0)


# -- on a seeded catalog ------------------------------------------------------------


class HighestIds(Policy):
    """A researcher's policy: the highest title ids are the favourites; similar = next ids."""

    name = "mine"
    seen: ClassVar[list[ScoringContext]] = []

    def scores(self, state: np.ndarray, ctx: ScoringContext) -> np.ndarray:
        HighestIds.seen.append(ctx)
        ids = np.asarray(ctx.index.ids, dtype=np.float64)
        favourite = ids >= np.sort(ids)[-60]
        return np.where(favourite, 100.0 + ids / ids.max(), 0.0)

    def similar(self, title_idx: int, n: int) -> np.ndarray:
        return np.asarray([(title_idx + k) % self.index.n for k in range(1, n + 1)])


def test_a_researchers_policy_drives_the_page(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(POLICIES, "mine", HighestIds)
    monkeypatch.setattr(HighestIds, "seen", [])
    profile = catalog.profiles()[0]
    clock = VirtualClock()
    session = catalog.start_session(profile, policy="mine", clock=clock)
    page = session.home()
    assert page.policy == "mine"
    assert isinstance(catalog.policy("mine"), HighestIds)
    assert HighestIds.seen and HighestIds.seen[-1].profile_id == profile.id
    index = catalog.index
    cutoff = np.sort(index.ids)[-60]
    themed = [row for row in page.rows if row.id.startswith("theme:")]
    assert themed and themed[0].tiles[0].title_id >= cutoff
    shown: set[int] = set()  # titles in an earlier row's head are pushed back: leave them out
    for row in page.rows:
        ids = [t.title_id for t in row.tiles if t.title_id not in shown]
        if row.id.startswith("theme:"):
            favourites = [i >= cutoff for i in ids]
            assert favourites == sorted(favourites, reverse=True), row.name  # favourites lead
        shown.update(t.title_id for t in row.tiles[:FIRST_SCREEN_COLS])

    title = next(i for i in index.ids[:50] if index.maturity[index.index_of[int(i)]] <= 1)
    session.thumbs(int(title), 2)
    because = [row for row in session.home().rows if row.id.startswith("because:")]
    assert because, "a loved title seeds Because you watched"
    idx = index.index_of[int(title)]
    allowed = {int(index.ids[(idx + k) % index.n]) for k in range(1, 41)}
    assert {t.title_id for t in because[0].tiles} <= allowed
    session.end()


def test_learned_policies_train_lazily_and_persist(catalog_path: Path) -> None:
    from netflix_sim.engine import open_catalog

    bpr_file = catalog_path.with_name(catalog_path.stem + ".bpr.npz")
    catalog = open_catalog(catalog_path)
    try:
        assert not bpr_file.exists()  # only the default policy is trained at open
        assert catalog.policy() is catalog.policy("als")
        assert catalog.recommender is catalog.policy("als").model  # type: ignore[attr-defined]
        session = catalog.start_session(catalog.profiles()[0], policy="bpr", clock=VirtualClock())
        page = session.home()
        assert page.policy == "bpr" and page.rows
        assert bpr_file.exists()
        bpr = catalog.policy("bpr")
        assert session.user_vector.shape == (bpr.params.factors,)  # type: ignore[attr-defined]
        scores = session.scores()
        session.end()
    finally:
        catalog.close()

    reopened = open_catalog(catalog_path)
    try:
        again = reopened.policy("bpr")
        assert again.trained_on == bpr.trained_on > 0
        session = reopened.start_session(reopened.profiles()[0], policy="bpr", clock=VirtualClock())
        np.testing.assert_allclose(session.scores(), scores, rtol=1e-5, atol=1e-6)
        session.end()
    finally:
        reopened.close()


def test_retraining_refits_open_sessions(catalog: Catalog) -> None:
    session = catalog.start_session(catalog.profiles()[0], clock=VirtualClock())
    session.home()
    before = session.user_vector
    trained = catalog.train()
    assert catalog.policy("als") is trained
    assert catalog.recommender is trained.model  # type: ignore[attr-defined]
    assert session.user_vector is not before  # refit against the new factors
    session.end()
