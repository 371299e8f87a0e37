"""Collect articles from the web: addresses, feeds, sitemaps and exports, politely fetched,
cached on disk, and reduced to their main text with trafilatura."""
