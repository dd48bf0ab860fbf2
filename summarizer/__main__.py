"""`python -m summarizer` is the `summarizer` command."""

from .cli import main

raise SystemExit(main())
