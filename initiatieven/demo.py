"""Demo content of the initiatieven app: first the groups and their news, then the guide
"Wat kun je doen in de wijk", which refers to the groups."""

from . import group_demo, guide_demo


def load(command):
    group_demo.load(command)
    guide_demo.load(command)
