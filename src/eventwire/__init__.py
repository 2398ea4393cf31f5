"""eventwire: news articles in, PLOVER-coded political events out, each traced to its sentence."""

__version__ = "0.1.0"
