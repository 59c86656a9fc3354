# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Build the sample graph and query it
#
# This notebook builds kg's sample knowledge graph into a temporary store, counts what
# is in it, and asks it two questions in SPARQL. It is the Python side of
# `make demo`: every step here is also a `kg` command (`kg load`, `kg build`,
# `kg stats`).
#
# Open it with `jupytext --to notebook notebooks/01_build_and_query.py`, or run it as a
# script: `.venv/bin/python notebooks/01_build_and_query.py`.

# %%
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.store import open_store

# The repository root: the folder (this one or above) that holds the sample data.
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "data" / "corpus").is_dir())
work = Path(tempfile.mkdtemp(prefix="kg-notebook-"))
STORE = work / "store"

# %% [markdown]
# ## 1. Build
#
# `kg.load` adds curated RDF (the seed story's facts) to the store, all or nothing.
# `kg.build` reads the news articles in `data/corpus`, extracts entities and ties
# with their evidence sentences, resolves names against the registry, and writes one
# named graph per article. Running `kg.build` again changes nothing: articles already
# in the store are recognised by their content hash.

# %%
loaded = kg.load([ROOT / "data" / "facts"], store=STORE)
print(f"loaded {loaded.quads_added} quads from {len(loaded.files)} file(s)")

built = kg.build([ROOT / "data" / "corpus"], store=STORE)
print(f"built {built.new} new articles: {built.entities} entities, {built.claims} claims")

# %% [markdown]
# ## 2. Count
#
# `kg.stats` counts entities by type, ties and claims by predicate, and articles by
# source (the same numbers as `kg stats`).

# %%
stats = kg.stats(store=STORE)
print(f"{stats['entities']} entities, {stats['ties']} ties, {stats['claims']} claims")
for entity_type, count in sorted(stats["entity_types"].items(), key=lambda kv: -kv[1]):
    print(f"  {entity_type:<14} {count}")
for predicate, counts in sorted(stats["predicates"].items()):
    print(f"  {predicate:<16} ties {counts['ties']:>3}  claims {counts['claims']:>3}")

# %% [markdown]
# ## 3. Query with SPARQL
#
# The store is an embedded [Oxigraph](https://pyoxigraph.readthedocs.io) database, so
# pyoxigraph can query it directly. Open it read-only with `kg.store.open_store`.
#
# Every article is a named graph; `use_default_graph_as_union=True` lets a query see
# all of them at once. A claim (`kg:Claim`) carries its evidence sentence and points
# (`kg:tie`) at the tie it supports; a stake (`kg:Stake`) has a holder, an asset and
# often a percentage.
#
# **Who holds stakes in what, how large, and on what evidence?**

# %%
PREFIXES = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

STAKES = (
    PREFIXES
    + """
SELECT DISTINCT ?holder ?asset ?percent ?sentence WHERE {
  ?claim kg:tie ?tie ; kg:evidence ?sentence .
  ?tie kg:holder ?h ; kg:asset ?a ; kg:percent ?percent .
  ?h rdfs:label ?holder .
  ?a rdfs:label ?asset .
}
ORDER BY DESC(?percent) ?holder ?asset
"""
)

with open_store(STORE, "r") as db:
    stakes = list(db.store.query(STAKES, use_default_graph_as_union=True))

print(f"{len(stakes)} stakes with a percentage")
for row in stakes:
    print(f"{row['holder'].value} holds {row['percent'].value}% of {row['asset'].value}")
    print(f"    “{row['sentence'].value[:110]}”")

# %% [markdown]
# **Who sanctions one given entity?** A value that comes from outside (a user, an
# article) is never pasted into the query text: it is bound to a variable with
# `substitutions=`, so it can only ever be a value (pyoxigraph binds only variables
# that the query selects, hence `?target` in the `SELECT`).

# %%
SANCTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?imposer ?date ?sentence WHERE {
  ?claim kg:tie ?tie ; kg:evidence ?sentence .
  ?tie a kg:Sanction ; kg:imposer ?i ; kg:target ?target .
  OPTIONAL { ?tie kg:startDate ?date }
  ?i rdfs:label ?imposer .
}
ORDER BY ?date ?imposer
"""
)

target = ox.NamedNode("https://w3id.org/kg/entity/rosneft")
with open_store(STORE, "r") as db:
    rows = list(
        db.store.query(
            SANCTIONS,
            use_default_graph_as_union=True,
            substitutions={ox.Variable("target"): target},
        )
    )

for row in rows:
    date = row["date"].value if row["date"] else "undated"
    print(f"{row['imposer'].value} ({date}): {row['sentence'].value[:100]}")

# %% [markdown]
# The store is an ordinary folder; this one was temporary.

# %%
shutil.rmtree(work)
