"""Readers: what a sentence states, read by spaCy's parse and by rules of news grammar (figures, dates,
places, speakers, blame, causes, disputes, kinds); each its own module, none calls a model."""
