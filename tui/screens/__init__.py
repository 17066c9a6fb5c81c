"""Screens of the netflix-sim client, one per module."""
