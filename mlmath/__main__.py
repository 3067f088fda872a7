"""`python -m mlmath`: the command line; Ctrl-C at any point ends it with status 130 and no traceback."""

try:
    from mlmath.cli import main

    status = main()
except KeyboardInterrupt:
    import sys

    print("mlmath: interrupted", file=sys.stderr)
    status = 130
raise SystemExit(status)
