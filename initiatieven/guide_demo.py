"""Demo content (see demo.py)."""


def load(command):
    return None
