"""Default settings of story matching, apart from the matching code so that the command line
can show them in its help without importing NumPy and scikit-learn."""

DEFAULT_THRESHOLD = 0.3  # TF-IDF cosine of headline, lead and names
DEFAULT_WINDOW_DAYS = 3  # days between two articles on one story, at most
