"""kg: knowledge graphs of geopolitical-economic ties from news.

The functions here mirror the ``kg`` commands, with the same names and
options::

    >>> import kg
    >>> callable(kg.load) and callable(kg.query) and callable(kg.serve) and callable(kg.push)
    True
"""

from kg.api import export, load, stats, validate
from kg.endpoint import serve
from kg.errors import KgError
from kg.graph_api import neighbors, path, report, view
from kg.gsp import push
from kg.pipeline import build, evaluate, extract
from kg.projection import project
from kg.querying import query
from kg.saved import saved_queries

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
    "push",
    "query",
    "report",
    "saved_queries",
    "serve",
    "stats",
    "validate",
    "view",
]
