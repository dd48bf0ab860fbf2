"""`python -m summarizer` is the `summarizer` command."""

from .commands.cli import main

raise SystemExit(main())
