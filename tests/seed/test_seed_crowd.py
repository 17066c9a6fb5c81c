"""The crowd's history: trace-schema rows whose plays follow the crowd's hidden tastes."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from netflix_sim.seed import EPOCH_MS, SeedSummary
from netflix_sim.seed.crowd import crowd_size
from netflix_sim.seed.ground_truth import load_ground_truth
from netflix_sim.seed.vocabulary import GENRES, TASTE_DIMS

DAY_MS = 86_400_000


def test_crowd_size() -> None:
    assert crowd_size(10) == 300
    assert crowd_size(2000) == 500
    assert crowd_size(100_000) == 6000


def test_history_rows_follow_the_trace_schema(small_db: sqlite3.Connection) -> None:
    crowd = {
        r[0]: r[1] for r in small_db.execute("SELECT id, device FROM profile WHERE kind = 'crowd'")
    }
    sessions = {
        r[0]: r[1:]
        for r in small_db.execute(
            "SELECT id, profile_id, device, policy, clock, started_ms, ended_ms FROM session"
        )
    }
    events = small_db.execute(
        "SELECT session_id, profile_id, seq, t_ms, type, title_id, value, policy, context, "
        "payload, page_id, row_id, artwork_id, propensity FROM event ORDER BY event_id"
    ).fetchall()
    assert {e[4] for e in events} == {"play_stop", "thumbs", "my_list"}
    assert {e[1] for e in events} == set(crowd)  # viewers start with no history
    seqs: dict[int, list[int]] = defaultdict(list)
    for sid, pid, seq, t_ms, kind, title_id, value, policy, context, payload, *rest in events:
        profile, device, s_policy, clock, started, ended = sessions[sid]
        assert profile == pid and device == crowd[pid]
        assert (s_policy, clock, policy) == ("seed", "virtual", "seed")
        assert started <= t_ms <= ended
        assert rest == [None, None, None, None]
        ctx = json.loads(context)
        assert ctx == {"device": device, "hour": (t_ms // 3_600_000) % 24}
        assert title_id is not None
        if kind == "play_stop":
            data = json.loads(payload)
            assert 0 < value <= 1
            assert abs(data["watched_s"] - value * data["duration_s"]) <= 0.1
        elif kind == "thumbs":
            assert value in (-1.0, 1.0, 2.0) and payload is None
        else:
            assert value == 1.0
        seqs[sid].append(seq)
    for sid, order in seqs.items():
        assert order == list(range(len(order))), sid
    plays = Counter(e[1] for e in events if e[4] == "play_stop")
    assert min(plays.values()) >= 15 and max(plays.values()) <= 40


def test_ratings_and_my_list_match_their_events(small_db: sqlite3.Connection) -> None:
    thumbs = {
        (p, t): (int(v), ms)
        for p, t, v, ms in small_db.execute(
            "SELECT profile_id, title_id, value, t_ms FROM event WHERE type = 'thumbs'"
        )
    }
    ratings = {
        (p, t): (v, ms)
        for p, t, v, ms in small_db.execute("SELECT profile_id, title_id, value, t_ms FROM rating")
    }
    assert thumbs == ratings and ratings
    listed = {
        (p, t): ms
        for p, t, ms in small_db.execute(
            "SELECT profile_id, title_id, t_ms FROM event WHERE type = 'my_list'"
        )
    }
    my_list = {
        (p, t): ms
        for p, t, ms in small_db.execute("SELECT profile_id, title_id, added_ms FROM my_list")
    }
    assert listed == my_list and my_list
    played = set(
        small_db.execute("SELECT profile_id, title_id FROM event WHERE type = 'play_stop'")
    )
    assert not played & set(my_list)
    assert len(played) == count_plays(small_db)  # a title is played at most once per profile
    thumbs_share = len(thumbs) / len(played)
    assert 0.03 < thumbs_share < 0.25


def count_plays(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COUNT(*) FROM event WHERE type = 'play_stop'").fetchone()[0])


def test_plays_happen_after_a_title_arrives(small_db: sqlite3.Connection) -> None:
    late = small_db.execute(
        "SELECT COUNT(*) FROM event e JOIN title t ON t.id = e.title_id "
        "WHERE e.t_ms < ? + t.added_day * ?",
        (EPOCH_MS - 730 * DAY_MS, DAY_MS),
    ).fetchone()[0]
    assert late == 0


def test_kids_in_the_crowd_watch_kids_titles(small_db: sqlite3.Connection) -> None:
    kids = small_db.execute(
        "SELECT COUNT(*) FROM profile WHERE kind = 'crowd' AND maturity_level = 1"
    )
    assert kids.fetchone()[0] > 0
    too_old = small_db.execute(
        "SELECT COUNT(*) FROM event e JOIN profile p ON p.id = e.profile_id "
        "JOIN title t ON t.id = e.title_id WHERE p.maturity_level < t.maturity_level"
    ).fetchone()[0]
    assert too_old == 0


def test_plays_follow_hidden_tastes(
    default_catalog: tuple[Path, SeedSummary], default_db: sqlite3.Connection
) -> None:
    truth = load_ground_truth(default_catalog[0])
    main = dict(default_db.execute("SELECT title_id, genre_id FROM titlegenre WHERE rank = 0"))
    dim_of_genre = {i + 1: g.dim for i, g in enumerate(GENRES)}
    plays: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for pid, tid, value in default_db.execute(
        "SELECT profile_id, title_id, value FROM event WHERE type = 'play_stop'"
    ):
        plays[pid].append((tid, value))
    overall = Counter(dim_of_genre[main[t]] for rows in plays.values() for t, _ in rows)
    total = sum(overall.values())

    lifts = []
    played_aff, random_aff, fractions = [], [], []
    for pid, taste in zip(truth.profile_ids.tolist(), truth.profile_vectors, strict=True):
        focus = TASTE_DIMS[int(np.argmax(taste))]
        rows = plays[pid]
        if focus in overall:
            share = sum(dim_of_genre[main[t]] == focus for t, _ in rows) / len(rows)
            lifts.append(share / (overall[focus] / total))
        affinity = truth.title_affinity(taste)
        played_aff += [float(affinity[t - 1]) for t, _ in rows]
        fractions += [f for _, f in rows]
        random_aff.append(float(affinity.mean()))
    # crowd profiles focused on a genre family play far more of it than the crowd does
    assert np.mean(lifts) > 2.5
    assert np.mean(played_aff) > np.mean(random_aff) + 0.15
    aff, frac = np.asarray(played_aff), np.asarray(fractions)
    low, high = aff < 0.1, aff > 0.5
    assert low.sum() > 100 and high.sum() > 100
    assert frac[high].mean() > frac[low].mean() + 0.4
    assert (frac[low] < 0.2).mean() > 0.3  # a poor match is often abandoned early
    assert (frac[high] < 0.2).mean() < 0.05
