"""``python -m newsscraper.demo`` (``make demo``): see :mod:`newsscraper.demo.runner`."""

import sys

from newsscraper.demo.runner import main

sys.exit(main())
