"""The catalog seeder: a believable, deterministic catalog plus its hidden ground truth.

``seed_catalog(path, titles=2000, profiles=5, seed=42)`` writes genres, tags, titles,
cast, artwork variants, viewer profiles and a crowd of background viewers with 60 days
of history; :mod:`netflix_sim.seed.ground_truth` reads back the hidden taste vectors.
"""

from .catalog import EPOCH_MS, SeedSummary, seed_catalog

__all__ = ["EPOCH_MS", "SeedSummary", "seed_catalog"]
