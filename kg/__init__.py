"""kg: knowledge graphs of geopolitical-economic ties from news.

The functions here mirror the ``kg`` commands, with the same names and
options::

    >>> import kg
    >>> callable(kg.load) and callable(kg.export)
    True
"""

from kg.api import export, load, stats, validate
from kg.errors import KgError
from kg.graph_api import neighbors, path, report, view
from kg.pipeline import build, evaluate, extract
from kg.projection import project

__version__ = "0.1.0"
__all__ = [
    "KgError",
    "__version__",
    "build",
    "evaluate",
    "export",
    "extract",
    "load",
    "neighbors",
    "path",
    "project",
    "report",
    "stats",
    "validate",
    "view",
]
