"""Inputs: files, folders, links, stdin and JSON records read into Articles; formats told by their bytes."""
