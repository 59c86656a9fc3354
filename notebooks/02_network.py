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
# # The graph as a network: who is central, how things connect, and a picture
#
# kg stores claims and ties in RDF; for network analysis it projects them onto a
# graph of entities joined by ties (`kg.project`; `kg export --format graphml` writes
# the same projection for Gephi). This notebook runs the three network commands from
# Python:
#
# * `kg.report`: centrality measures and communities, with a plain-language reading;
# * `kg.path`: how two entities are connected, each hop with its evidence sentence;
# * `kg.view`: an interactive HTML explorer that works offline.
#
# It first builds the sample graph into a temporary store, as in
# `01_build_and_query.py`.

# %%
import shutil
import tempfile
from pathlib import Path

import kg

ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "data" / "corpus").is_dir())
work = Path(tempfile.mkdtemp(prefix="kg-notebook-"))
STORE = work / "store"
kg.load([ROOT / "data" / "facts"], store=STORE)
built = kg.build([ROOT / "data" / "corpus"], store=STORE)
print(f"{built.entities} entities and {built.claims} claims from {built.articles} articles")

# %% [markdown]
# ## 1. The centrality report
#
# `kg.report` writes `report.md`, `report.html`, `centrality.csv` and `report.json`
# into a folder and returns the same data. Degree, PageRank, betweenness, closeness
# and eigenvector centrality come from networkx, communities from Louvain with a
# fixed seed, so the same store gives the same report. `parameters` records how each
# measure was computed.

# %%
report = kg.report(out=work / "report", store=STORE)
print("wrote", ", ".join(sorted(f.name for f in report.files)))
print()
for sentence in report.data["reading"]:
    print("-", sentence)

# %% [markdown]
# The per-entity measures, most central by PageRank first:

# %%
nodes = sorted(report.data["nodes"], key=lambda n: (-n["pagerank"], n["id"]))
print(f"{'entity':<34} {'type':<13} {'degree':>6} {'pagerank':>9} {'betweenness':>11}")
for n in nodes[:10]:
    print(
        f"{n['label']:<34} {n['type']:<13} {n['degree']:>6.0f} "
        f"{n['pagerank']:>9.4f} {n['betweenness']:>11.4f}"
    )

# %% [markdown]
# Brokers lie on many shortest paths for few ties of their own; leaders are the most
# central entities of each type.

# %%
print("brokers:", ", ".join(report.data["brokers"]["nodes"][:5]))
for entity_type, leaders in sorted(report.data["leaders"].items()):
    print(f"  {entity_type:<13} {', '.join(leaders)}")

# %% [markdown]
# ## 2. How are two entities connected?
#
# `kg.path` finds the shortest paths between two entities (by id or name). Every hop
# lists the ties behind it with the sentence, source and date that support them:
# the path is evidence you can check, not just a line on a chart.

# %%
result = kg.path("glencore", "vladimir-putin", store=STORE)
print(f"{result['from']['label']} -> {result['to']['label']}: {result['shortest']} hops")
for hop in result["paths"][0]:
    print(f"\n{hop['from']['label']} — {hop['to']['label']}")
    for tie in hop["ties"]:
        extra = f" ({tie['percent']}%)" if tie.get("percent") is not None else ""
        print(f"  {tie['subject']} {tie['predicate']} {tie['object']}{extra}")
        for evidence in tie["evidence"][:1]:
            print(f"    “{evidence['sentence'][:100]}” ({evidence['source']}, {evidence['date']})")

# %% [markdown]
# `kg.neighbors` lists what lies within a few ties of one entity:

# %%
near = kg.neighbors("rosneft", store=STORE)
for n in near["neighbors"]:
    ties = ", ".join(f"{t['subject']} {t['predicate']} {t['object']}" for t in n["ties"])
    print(f"{n['label']:<30} {n['type']:<13} {ties}")

# %% [markdown]
# ## 3. The explorer
#
# `kg.view` writes one self-contained HTML file (vis-network inlined; no network
# needed). Open it in a browser: node size is PageRank, colour is type, and clicking
# a tie shows its evidence. With `focus=` it draws one entity's neighbourhood; a
# graph larger than `top` entities shows its `top` most central ones.

# %%
page = kg.view(out=work / "explorer.html", store=STORE)
print(f"{page.out.name}: {page.nodes} of {page.total_nodes} entities, {page.edges} ties")
print(f"{page.out.stat().st_size / 1024:.0f} KiB")

focused = kg.view(out=work / "rosneft.html", store=STORE, focus="rosneft", hops=1)
print(f"{focused.out.name}: {focused.nodes} entities around Rosneft")

# %%
shutil.rmtree(work)
