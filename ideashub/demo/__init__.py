"""Demo and benchmark data: the demo organisation and the volume seeder.

``organisation`` loads the demo organisation through the real services,
``content`` holds its words and people, and ``volume`` bulk-inserts benchmark
data. Nothing in the product imports this package; only the CLI, the tests
and the benchmark do.
"""

from ideashub.demo.organisation import LOGIN_ROLES, has_people, load, logins, print_logins

__all__ = ["LOGIN_ROLES", "has_people", "load", "logins", "print_logins"]
