"""Text handling shared by every score: sentence splitting, tokens, page-furniture removal."""
