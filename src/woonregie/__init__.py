"""Woonregie: one shared register, matching engine and monitor for housing aandachtsgroepen."""

__version__ = "0.1.0"
