"""regrade: what it costs to move a state workforce onto a new pay structure.

The public entry points grow issue by issue; today the package holds the seed tables
(:mod:`simulator.data`) and the ``regrade`` command (:mod:`simulator.cli`).
"""

__version__ = "0.1.0"
