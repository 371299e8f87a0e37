"""Lexicons: term packs, outlet signatures and furniture rules, loaded from ``lexicons/``."""
