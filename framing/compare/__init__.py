"""The comparison engine: outlet profiles, distinguishing terms, similarity and clusters."""
