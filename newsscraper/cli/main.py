"""``newsscraper``: one argparse parser, a subparser per module of :data:`COMMANDS`."""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["COMMANDS", "main"]

#: the subcommands' modules (in newsscraper/cli/), in the order --help lists them
COMMANDS: tuple[str, ...] = ("crawl", "articles", "show", "search", "export", "runs", "health", "demo_site")


def parser() -> argparse.ArgumentParser:
    """The whole command line, every subcommand with its own ``--help``."""
    top = argparse.ArgumentParser(prog="newsscraper", description="Query, search and export what the news "
                                  "crawl stored; crawl; serve the demo site.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"newsscraper.cli.{name}")
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return top


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the process's) and run the subcommand; its exit code."""
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
