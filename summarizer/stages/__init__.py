"""Stages: the pipeline's steps, in the order `pipeline.build` calls them (see README "How it works")."""
