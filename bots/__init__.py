"""Scripted user bots: personas with hidden tastes, a choice model, drivers, simulations.

Built like recsim's simulated user: :mod:`.personas` samples who a bot is, :mod:`.truth`
(the only reader of the seed's hidden ground truth; the engine never reads it) gives its
true affinities, :mod:`.choice` decides what it does from what is on screen, :mod:`.state`
holds what it remembers. A driver carries the decisions out (:mod:`.actions` is the
contract): :mod:`.engine_driver` on the Session API, exactly as the TUI's keys do, or
``tui_driver`` by pressing keys in the real app. :mod:`.simulate` runs the same bots under
several policies (with :mod:`.oracle`, the upper bound) and :mod:`.metrics` compares them
with 95 % intervals.
"""
