"""``python -m netflix_sim`` runs the CLI."""

from .cli import main

raise SystemExit(main())
