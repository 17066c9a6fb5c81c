"""Scripted user bots: personas with hidden tastes, a choice model, drivers, simulations.

The bots read the seed's hidden ground truth (``netflix_sim.seed.ground_truth``); the
engine never does. They drive the same Session API as the TUI, or the TUI itself.
"""
