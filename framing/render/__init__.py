"""Renderers: take results, return text or write files; they compute nothing new."""
