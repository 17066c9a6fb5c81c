"""Names and synopses: Faker name pools plus the word lists of :mod:`.wordlists`.

Faker is called only to fill small pools up front (first and last names, towns, jobs);
everything per title is then picked from the pools with numpy, which keeps 100,000
titles fast and the output a pure function of the seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from faker import Faker

from .vocabulary import GENRES
from .wordlists import (
    CITIES,
    FOLLOW_UPS,
    PREMISES,
    REALITY_VERBS,
    ROLES,
    THINGS,
    TITLE_WORDS,
    TitleWords,
)


@dataclass(frozen=True)
class NamePools:
    """Faker-made words every generator draws from."""

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    towns: tuple[str, ...]
    jobs: tuple[str, ...]
    """Short lower-case job titles ("architect", "tree surgeon")."""


def _unique(draw: Callable[[], str], want: int, tries: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for _ in range(tries):
        seen[draw()] = None
        if len(seen) >= want:
            break
    return tuple(seen)


def make_pools(seed: int) -> NamePools:
    """Pools from a dedicated ``Faker("en_US")`` seeded with ``seed`` (same seed, same pools)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    first = _unique(fake.first_name, 1500, 6000)
    last = _unique(fake.last_name, 700, 6000)
    towns = _unique(fake.city, 300, 2000)
    jobs: dict[str, None] = {}
    for _ in range(4000):
        job = fake.job()
        if not any(c in job for c in ",()/") and len(job.split()) <= 3:
            jobs[job.lower()] = None
        if len(jobs) >= 150:
            break
    return NamePools(first, last, towns, tuple(jobs))


def article(phrase: str) -> str:
    """``phrase`` with "a" or "an" in front."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def plural(noun: str) -> str:
    """English plural of a title noun (nouns already ending in s stay)."""
    if noun.endswith("s"):
        return noun
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith(("x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _pick(pool: Sequence[str], u: float) -> str:
    return pool[int(u * len(pool))]


_TEMPLATE_CUM = {
    tone: np.cumsum([w for _, w in words.templates]) / sum(w for _, w in words.templates)
    for tone, words in TITLE_WORDS.items()
}
_NAME_TRIES = 3
_NAME_FIELDS = (
    "adj",
    "noun",
    "single",
    "group",
    "place",
    "time",
    "city",
    "first",
    "first2",
    "last",
    "verb",
)
"""Name template fields; field f is drawn from uniform number f + 1 of a try."""


def _fields_of(template: str) -> tuple[tuple[str, int], ...]:
    return tuple(
        (f, i + 1)
        for i, f in enumerate(_NAME_FIELDS)
        if "{" + f + "}" in template or (f == "noun" and "{noun}s" in template)
    )


_TEMPLATES = {
    tone: [(t.replace("{noun}s", "{nouns}"), _fields_of(t)) for t, _ in words.templates]
    for tone, words in TITLE_WORDS.items()
}


def _field_pools(pools: NamePools, tone: str) -> dict[str, Sequence[str]]:
    words = TITLE_WORDS[tone]
    return {
        "adj": words.adjectives,
        "noun": words.nouns,
        "single": words.singles,
        "group": words.groups,
        "place": words.places,
        "time": words.times,
        "city": CITIES,
        "first": pools.first_names,
        "first2": pools.first_names,
        "last": pools.last_names,
        "verb": REALITY_VERBS,
    }


def title_names(
    rng: np.random.Generator, tones: Sequence[str], pools: NamePools
) -> tuple[list[str], list[str | None]]:
    """A name for each title in the word pool of its tone, each one unique.

    A name is drawn up to three times; if it is still taken, the title becomes a sequel
    ("The Silent Harbor: Part II").

    Returns the names and, per title, the first name used in it (or ``None``), so that the
    synopsis can tell the same person's story.
    """
    n = len(tones)
    u = rng.random((n, _NAME_TRIES, len(_NAME_FIELDS) + 1))
    tone_arr = np.asarray(tones)
    choice = np.zeros((n, _NAME_TRIES), dtype=np.int64)
    for tone, cum in _TEMPLATE_CUM.items():
        rows = tone_arr == tone
        choice[rows] = np.minimum(np.searchsorted(cum, u[rows, :, 0]), len(cum) - 1)
    field_pools = {tone: _field_pools(pools, tone) for tone in TITLE_WORDS}
    u_rows = u.tolist()
    choices = choice.tolist()
    seen: set[str] = set()
    repeats: dict[str, int] = {}
    names: list[str] = []
    firsts: list[str | None] = []
    for i, tone in enumerate(tones):
        templates = _TEMPLATES[tone]
        fp = field_pools[tone]
        for attempt in range(_NAME_TRIES):
            r = u_rows[i][attempt]
            template, needed = templates[choices[i][attempt]]
            fields = {f: _pick(fp[f], r[k]) for f, k in needed}
            if "noun" in fields:
                fields["nouns"] = plural(fields["noun"])
            name = template.format_map(fields)
            if name not in seen or attempt == _NAME_TRIES - 1:
                break
        if name in seen:
            name = _sequel(name, seen, repeats, TITLE_WORDS[tone])
        seen.add(name)
        names.append(name)
        firsts.append(fields.get("first"))
    return names, firsts


SEQUEL_SUFFIXES: tuple[str, ...] = (" 2", ": Part II", " Returns", ": Origins", ": Legacy")
"""What a repeated name becomes first: a franchise of sorts."""


def _sequel(name: str, seen: set[str], repeats: dict[str, int], words: TitleWords) -> str:
    """``name`` turned into a sequel or a subtitled spin-off no title has yet."""
    while True:
        k = repeats.get(name, 0)
        repeats[name] = k + 1
        if k < len(SEQUEL_SUFFIXES):
            candidate = name + SEQUEL_SUFFIXES[k]
        else:
            j = k - len(SEQUEL_SUFFIXES)
            adj = words.adjectives[j % len(words.adjectives)]
            noun = words.nouns[(j // len(words.adjectives) + 7 * j) % len(words.nouns)]
            candidate = f"{name}: The {adj} {noun}"
        if candidate not in seen:
            return candidate


_SYNOPSIS_FIELDS = 16
_SENTENCES_CUM = (0.3, 0.8)
"""Cumulative chance of a synopsis having one and two sentences (else three)."""


def synopses(
    rng: np.random.Generator,
    main_genres: Sequence[int],
    firsts: Sequence[str | None],
    pools: NamePools,
) -> list[str]:
    """One to three sentences per title, told in its main genre's voice."""
    n = len(main_genres)
    u = rng.random((n, _SYNOPSIS_FIELDS)).tolist()
    out: list[str] = []
    for i, g in enumerate(main_genres):
        spec = GENRES[int(g)]
        r = u[i]
        role = _pick(ROLES[spec.name], r[1])
        a_role = article(role)
        job = _pick(pools.jobs, r[12]) if pools.jobs else "teacher"
        fields = {
            "role": role,
            "a_role": a_role,
            "a_role_cap": a_role[0].upper() + a_role[1:],
            "name": firsts[i] or _pick(pools.first_names, r[2]),
            "name2": _pick(pools.first_names, r[3]),
            "last": _pick(pools.last_names, r[4]),
            "first": _pick(pools.first_names, r[5]),
            "city": _pick(CITIES, r[6]),
            "city2": _pick(CITIES, r[7]),
            "town": _pick(pools.towns, r[8]),
            "thing": _pick(THINGS[spec.name], r[9]),
            "place": _pick(TITLE_WORDS["kids"].places, r[10]),
            "job": job,
            "a_job": article(job),
        }
        if fields["city2"] == fields["city"]:
            fields["city2"] = CITIES[(CITIES.index(fields["city"]) + 7) % len(CITIES)]
        sentences = [_pick(PREMISES[spec.name], r[11]).format_map(fields)]
        extra = 0 if r[0] < _SENTENCES_CUM[0] else (1 if r[0] < _SENTENCES_CUM[1] else 2)
        follow = FOLLOW_UPS[_follow_tone(spec.tone)]
        first_pick = int(r[13] * len(follow))
        for j in range(min(extra, len(follow))):
            sentences.append(follow[(first_pick + j * 3) % len(follow)].format_map(fields))
        out.append(" ".join(sentences))
    return out


def _follow_tone(tone: str) -> str:
    return tone if tone in FOLLOW_UPS else "drama"
