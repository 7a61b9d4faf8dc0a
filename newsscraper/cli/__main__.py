"""``python -m newsscraper.cli``: the ``newsscraper`` command without its console script."""

import sys

from newsscraper.cli.main import main

sys.exit(main())
