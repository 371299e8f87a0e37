"""Per-article scores: terminology, sentiment and readability from one segmentation."""
