"""Core: the types every stage shares (the brief's schema, Article, Doc, Facts, evidence, errors, the
shared vocabularies), defined once."""
