"""The ``newsscraper`` command: query, search and export the store, crawl, serve the demo site.

Each subcommand is a module of this package with ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int`` (the exit code); :data:`newsscraper.cli.main.COMMANDS` lists them in the order
``newsscraper --help`` shows them.
"""
