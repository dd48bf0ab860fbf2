"""The model side: client, answer cache, embedded server, prompt templates and answer models."""
