"""`python -m summarizer` is the `summarizer` command."""

from summarizer.commands.cli import main

raise SystemExit(main())
