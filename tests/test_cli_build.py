"""kg extract / build / eval from the command line, and the issue's bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, run_kg

STORY = (
    "---\ntitle: Test story\ndate: 2018-09-11\nsource: test\n---\n\n"
    "Alibaba will hold 48 percent of AliExpress Russia, the joint venture, and MegaFon "
    "24 percent. The EU has kept sanctions on Russia since 2014.\n"
)


def _one_line_error(result: object) -> str:
    stderr = getattr(result, "stderr", "")
    assert getattr(result, "returncode", 0) == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("kg: error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def test_build_then_stats_validate_and_rebuild(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.md").write_text(STORY, encoding="utf-8")
    store = str(tmp_path / "store")
    first = run_kg("build", str(tmp_path / "news"), "--store", store)
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stderr and first.stdout == ""
    stats = json.loads(run_kg("stats", "--store", store, "--json").stdout)
    assert stats["predicates"]["ownsStakeIn"]["ties"] >= 2
    assert stats["predicates"]["sanctions"]["ties"] == 1
    assert run_kg("validate", "--store", store).returncode == 0
    again = run_kg("build", str(tmp_path / "news"), "--store", store)
    assert "1 unchanged" in again.stderr


def test_eval_json_on_the_seeds() -> None:
    result = run_kg("eval", str(REPO.parent / "shared" / "eval" / "seeds"), "--json")
    if not (REPO.parent / "shared").is_dir():
        return
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["relations"]["f1"] >= 0.8  # the quality bar, on the seeds
    assert data["entities"]["f1"] >= 0.9 and data["typed_entities"]["f1"] >= 0.85


def test_a_bad_jsonl_line_stops_everything_without_skip_bad(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a1", "text": "Russia and China signed a trade agreement."})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "a3", "text": "The EU imposed sanctions on Russia."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    line = _one_line_error(run_kg("extract", str(feed), "--out", str(out)))
    assert "feed.jsonl:2" in line
    assert not out.exists() or not any(out.iterdir())  # nothing written
    ok = run_kg("extract", str(feed), "--out", str(out), "--skip-bad")
    assert ok.returncode == 0, ok.stderr
    assert "feed.jsonl:2" in ok.stderr  # the skipped line is reported
    assert sorted(p.name for p in out.iterdir()) == ["a1.json", "a3.json"]


def test_bad_articles_get_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert "empty" in _one_line_error(
        run_kg("build", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "s"))
    )
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    _one_line_error(run_kg("build", str(tmp_path / "blob.txt"), "--store", str(tmp_path / "s")))
    assert not (tmp_path / "s" / "oxigraph").exists()  # nothing half-built


def test_hostile_text_stays_a_literal(tmp_path: Path) -> None:
    hostile = (
        "Alibaba will hold 48 percent of AliExpress Russia <script>alert(1)</script>. "
        'MegaFon said "} ; DROP GRAPH <urn:x> ; INSERT DATA { <a> <b> <c> }" was a joke.'
    )
    (tmp_path / "h.txt").write_text(hostile, encoding="utf-8")
    store = str(tmp_path / "s")
    assert run_kg("build", str(tmp_path / "h.txt"), "--store", store).returncode == 0
    exported = run_kg("export", "--format", "nquads", "--store", store).stdout
    assert "<script>alert(1)</script>" in exported  # inside a quoted literal
    assert "<urn:x>" not in exported.replace('\\"', "").split('"')[0]
    assert run_kg("validate", "--store", store).returncode == 0


def test_a_non_english_article_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Die Europäische Union hat am Montag neue Sanktionen gegen Russland beschlossen. "
        "Die Maßnahmen betreffen Banken und Energieunternehmen und sollen ein Jahr gelten.",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(STORY, encoding="utf-8")
    result = run_kg("extract", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "de.txt" in result.stderr and "not English" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["en.json"]


def test_extract_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Same input, same bytes: also across processes with different string hashing."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "extract",
                str(REPO / "data" / "corpus"),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) == 24
    assert outputs[0] == outputs[1]
