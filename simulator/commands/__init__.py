"""The ``regrade`` command's commands, by group: inputs (data, place, roster), runs (run, runs, compare, export,
report, demo, warm) and alternatives (diff, solve, sweep, serve). simulator/cli.py parses the command line and
hands each to its function here."""
