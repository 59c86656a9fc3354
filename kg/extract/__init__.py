"""Rule-based extraction of entities and ties from article text (spaCy's rule machinery)."""
