"""Commands: the ways in. The command line, the batch runner and the HTTP service, with their progress
displays."""
