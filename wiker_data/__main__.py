"""`python -m wiker_data`: the command line (see wiker_data.cli)."""

from wiker_data.cli.main import main

raise SystemExit(main())
