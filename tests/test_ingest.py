"""Article ingest: every format, the checks, and the bad inputs a user can hand it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from kg import ingest
from kg.errors import InputError, UsageError
from kg.ids import article_id_for_text
from kg.ingest import (
    DEFAULT_MAX_BYTES,
    SUPPORTED,
    BadArticleError,
    IngestResult,
    Skipped,
    read_articles,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "eval" / "seeds"

ENGLISH = (
    "Russia's Yamal LNG plant loaded its first cargo of liquefied natural gas on Friday at the "
    "port of Sabetta, a milestone for an Arctic venture that survived Western sanctions. "
    "Novatek controls the plant with a 50.1 per cent stake, while France's Total and China "
    "National Petroleum Corporation hold 20 percent each."
)
ENGLISH_2 = (
    "The Silk Road Fund, a Beijing-based state investment vehicle, owns the remaining 9.9 percent "
    "of the venture. It bought its shares from Novatek in a deal completed in 2016, when Western "
    "banks were unwilling to lend to the project because of sanctions."
)
GERMAN = (
    "Der russische Energiekonzern hat am Montag einen neuen Liefervertrag mit einem chinesischen "
    "Staatsunternehmen unterzeichnet. Nach Angaben beider Seiten soll das Gas ab dem kommenden "
    "Jahr durch eine neue Leitung fließen, die quer durch Sibirien gebaut wird. Die "
    "Bundesregierung in Berlin äußerte sich zunächst nicht zu dem Abkommen, das Beobachter als "
    "Zeichen einer engeren wirtschaftlichen Zusammenarbeit zwischen Moskau und Peking werten."
)
FRENCH = (
    "Le fonds souverain norvégien a annoncé mercredi qu'il allait céder l'ensemble de ses "
    "participations dans des entreprises russes. Selon un communiqué publié à Oslo, la décision "
    "a été prise après consultation du ministère des Finances, et la vente devrait s'étaler sur "
    "plusieurs mois. Les analystes estiment que cette sortie pèsera peu sur le marché, mais "
    "qu'elle envoie un signal politique fort aux autres investisseurs institutionnels européens."
)
HOSTILE = (
    "The page quoted <script>alert('pwned')</script> and the query "
    "DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <http://x> <http://y> 'z' } verbatim, "
    'along with "quotes", \\backslashes\\ and {braces}.'
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- plain text, Markdown, front matter ---------------------------------------------------


def test_text_with_front_matter(tmp_path: Path) -> None:
    body = f"{ENGLISH}\n\n  {ENGLISH_2}"
    path = write(
        tmp_path / "001_yamal.txt",
        "---\ntitle: Yamal LNG ships first cargo\ndate: 2017-12-08\n"
        "url: https://news.example.com/yamal\nsource: Example Wire\nauthor: ignored\n---\n\n"
        f"{body}\n\n",
    )
    article = read_articles([path]).articles[0]
    assert article.text == body  # stripped at the ends only
    assert (article.title, article.date, article.url, article.source) == (
        "Yamal LNG ships first cargo",
        "2017-12-08",
        "https://news.example.com/yamal",
        "Example Wire",
    )
    assert article.name == "001_yamal"
    assert article.path == str(path)
    assert article.id == article_id_for_text(body)


def test_text_without_front_matter_has_no_title(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.md", f"# A heading\n\n{ENGLISH}\n")
    article = read_articles([path]).articles[0]
    assert article.title is None and article.date is None and article.source is None
    assert article.text == f"# A heading\n\n{ENGLISH}"
    assert article.name == "plain"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("date: 2018-09-11T10:30:00+03:00", "2018-09-11"),
        ("date: 2018-09-11 10:30", "2018-09-11"),
        ('date: "2018-09-11"', "2018-09-11"),
        ("date: 2018-09", "2018-09"),
        ("date:", None),
    ],
)
def test_front_matter_dates_are_normalised(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path / "a.txt", f"---\n{line}\n---\n{ENGLISH}\n")
    assert read_articles([path]).articles[0].date == expected


def test_front_matter_quotes_comments_crlf_and_lists(tmp_path: Path) -> None:
    text = (
        "---\r\n# a comment\r\ntitle: 'Putin''s visit: day two'\r\nsource: \"Wire \\\"X\\\"\"\r\n"
        "tags:\r\n  - energy\r\n  - arctic\r\n---\r\nBody line one.\r\nBody line two.\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    article = read_articles([path]).articles[0]
    assert article.title == "Putin's visit: day two"
    assert article.source == 'Wire "X"'
    assert article.text == "Body line one.\r\nBody line two."


@pytest.mark.parametrize(
    "front, line, words",
    [
        ("title: ok\ndate: 11 September 2018\n", 3, "date '11 September 2018' is not a date"),
        ("date: 2018-02-30\n", 2, "date '2018-02-30' is not a date"),
        ("url: ftp://example.com/x\n", 2, "is not an http(s) URL"),
        ("title: a\ntitle: b\n", 3, "title is given twice"),
        ("just words\n", 2, "expected 'key: value'"),
        ("title: 'unclosed\n", 2, "unclosed quote"),
        ("title:\n  continued\n", 3, "title must be on one line"),
    ],
)
def test_bad_front_matter_names_file_and_line(
    tmp_path: Path, front: str, line: int, words: str
) -> None:
    path = write(tmp_path / "bad.txt", f"---\n{front}---\n{ENGLISH}\n")
    with pytest.raises(InputError) as caught:
        read_articles([path])
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: front matter")
    assert words in str(caught.value)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "open.txt", f"---\ntitle: x\n{ENGLISH}\n")
    with pytest.raises(InputError, match=r"open\.txt:1: front matter .* never closed"):
        read_articles([path])


def test_skip_bad_turns_a_bad_file_into_a_skip(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"---\ndate: yesterday\n---\n{ENGLISH}\n")
    write(tmp_path / "b.txt", ENGLISH_2)
    result = read_articles([tmp_path], skip_bad=True)
    assert [a.name for a in result.articles] == ["b"]
    assert result.skipped == (
        Skipped(str(tmp_path / "a.txt"), "front matter: date 'yesterday' is not a date (line 2)"),
    )


def test_front_matter_only_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "meta.txt", "---\ntitle: x\n---\n\n")
    with pytest.raises(InputError, match="no text after the front matter"):
        read_articles([path])


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Yamal LNG ships first cargo | Example News</title>
<meta property="og:title" content="Yamal LNG ships first cargo">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/yamal">
<meta name="date" content="2017-12-08">
<script>var tracker = "do not keep me";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
<article><h1>Yamal LNG ships first cargo</h1>
<p>{p1}</p>
<p>{p2}</p>
<p>A reader wrote &lt;script&gt;alert(1)&lt;/script&gt; in the comments box.</p>
</article>
<footer><p>Copyright 2017 Example News. All rights reserved.</p></footer></body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    path = write(tmp_path / "yamal.html", PAGE.format(p1=ENGLISH, p2=ENGLISH_2))
    article = read_articles([path]).articles[0]
    assert ENGLISH in article.text and ENGLISH_2 in article.text
    assert "<script>alert(1)</script>" in article.text  # escaped text is text
    assert "do not keep me" not in article.text and "Copyright" not in article.text
    assert article.title == "Yamal LNG ships first cargo"
    assert article.date == "2017-12-08"
    assert article.url == "https://news.example.com/yamal"
    assert article.source == "Example News"
    assert article.name == "yamal"
    assert article.id == article_id_for_text(article.text)


def test_html_page_without_article_text_is_skipped(tmp_path: Path) -> None:
    shell = (
        "<html><head><title>Example News</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<div id='root'></div><script>window.app = {}; render();</script>"
        "<footer><a href='/privacy'>Privacy</a></footer></body></html>"
    )
    path = write(tmp_path / "app.htm", shell)
    result = read_articles([path])
    assert result.articles == ()
    assert result.skipped == (Skipped(str(path), "no article text found"),)


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').format(
        p1=ENGLISH + " The café in Zürich closed.", p2=ENGLISH_2
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    assert "The café in Zürich closed." in read_articles([path]).articles[0].text


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="UTF-8"?>\n' + PAGE.format(p1=ENGLISH, p2=ENGLISH_2)
    path = write(tmp_path / "x.html", page)
    assert ENGLISH in read_articles([path]).articles[0].text


# --- JSON Lines ----------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl(tmp_path: Path) -> None:
    path = write(
        tmp_path / "batch.jsonl",
        jsonl(
            {
                "id": "yamal-2017",
                "title": "Yamal",
                "date": "2017-12-08T09:00:00Z",
                "url": "https://news.example.com/yamal",
                "source": "Wire",
                "text": f"  {ENGLISH}  ",
            },
            "",
            {"id": "not a safe stem!", "text": ENGLISH_2, "date": None},
            {"text": HOSTILE},
        ),
    )
    result = read_articles([path])
    assert result.skipped == ()
    first, second, third = result.articles
    assert (first.name, first.title, first.date, first.source, first.text) == (
        "yamal-2017",
        "Yamal",
        "2017-12-08",
        "Wire",
        ENGLISH,
    )
    assert first.path == f"{path}:1"
    assert (second.name, second.path, second.date) == ("batch-00003", f"{path}:3", None)
    assert (third.name, third.text) == ("batch-00004", HOSTILE)


BAD_LINES = [
    ("{not json", "invalid JSON"),
    ('{"title": "no text"}', 'no "text" key'),
    ('{"text": "   "}', '"text" is empty'),
    ('["a list"]', "expected a JSON object"),
    ('{"text": "x", "date": "2018-13-01"}', '"date"'),
    ('{"text": "x", "title": 5}', '"title" is not a string'),
]


@pytest.mark.parametrize("bad, words", BAD_LINES)
def test_jsonl_bad_line_stops_everything(tmp_path: Path, bad: str, words: str) -> None:
    good = write(tmp_path / "a_good.txt", ENGLISH)
    path = write(tmp_path / "b.jsonl", jsonl({"text": ENGLISH_2}, bad, {"text": "Third."}))
    result: IngestResult | None = None
    with pytest.raises(InputError) as caught:
        result = read_articles([good, path])
    assert result is None  # nothing is returned at all
    assert str(caught.value).startswith(f"{path}:2")
    assert words in str(caught.value)
    assert "--skip-bad" in str(caught.value)


@pytest.mark.parametrize("bad, words", BAD_LINES)
def test_jsonl_bad_line_skipped_with_skip_bad(tmp_path: Path, bad: str, words: str) -> None:
    path = write(tmp_path / "b.jsonl", jsonl({"text": ENGLISH_2}, bad, {"text": "Third."}))
    result = read_articles([path], skip_bad=True)
    assert [a.text for a in result.articles] == [ENGLISH_2, "Third."]
    assert [a.path for a in result.articles] == [f"{path}:1", f"{path}:3"]
    (skip,) = result.skipped
    assert skip.path == f"{path}:2" and words in skip.reason and "\n" not in skip.reason


def test_jsonl_line_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"enc\.jsonl:2:.*not valid UTF-8 \(byte 0xe9\)"):
        read_articles([path])
    result = read_articles([path], skip_bad=True)
    assert [a.text for a in result.articles] == ["fine"]
    assert result.skipped[0].path == f"{path}:2"


# --- RSS and Atom --------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example.com/</link>
<description>News</description>
<item><title>Yamal &amp; the Arctic</title><link>https://wire.example.com/yamal</link>
<pubDate>Fri, 08 Dec 2017 23:30:00 -0500</pubDate>
<description>A short summary that loses to the content.</description>
<content:encoded><![CDATA[<p>{p1}</p><p>{p2}</p><script>steal()</script>]]></content:encoded>
</item>
<item><title>Summary only</title><link>not a url</link>
<description>&lt;p&gt;Plain &lt;b&gt;summary&lt;/b&gt; text.&lt;/p&gt;</description></item>
<item><title>Nothing here</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2019-06-07T00:00:00Z</updated>
<entry><title type="html">Huawei &lt;i&gt;added&lt;/i&gt; to list</title>
<link href="https://desk.example.org/huawei"/><id>urn:1</id>
<updated>2019-05-20T12:00:00Z</updated><published>2019-05-16T22:00:00-04:00</published>
<content type="text">{text}</content></entry>
</feed>
"""


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS.format(p1=ENGLISH, p2=ENGLISH_2))
    result = read_articles([path])
    first, second = result.articles
    assert first.text == f"{ENGLISH}\n{ENGLISH_2}"
    assert (first.title, first.url, first.source) == (
        "Yamal & the Arctic",
        "https://wire.example.com/yamal",
        "Example Wire",
    )
    assert first.date == "2017-12-08"  # the day as written, not shifted to UTC
    assert (first.name, first.path) == ("wire-0001", f"{path}#1")
    assert (second.text, second.url, second.name) == ("Plain summary text.", None, "wire-0002")
    assert result.skipped == (Skipped(f"{path}#3", "no article text found"),)


def test_atom_feed_keeps_plain_text_verbatim(tmp_path: Path) -> None:
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    path = write(tmp_path / "desk.atom", ATOM.format(text=escaped))
    article = read_articles([path]).articles[0]
    assert article.text == HOSTILE
    assert (article.title, article.date, article.source) == (
        "Huawei added to list",
        "2019-05-16",
        "Atom Desk",
    )


def test_xml_is_read_only_as_a_feed(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.xml", ATOM.format(text=ENGLISH))
    assert read_articles([feed]).articles[0].text == ENGLISH
    other = write(tmp_path / "config.xml", "<?xml version='1.0'?><config><a>1</a></config>\n")
    with pytest.raises(InputError, match=r"config\.xml: not an RSS or Atom feed"):
        read_articles([other])
    result = read_articles([tmp_path], skip_bad=True)
    assert result.skipped == (Skipped(str(other), "not an RSS or Atom feed"),)


def test_feed_in_a_declared_legacy_encoding(tmp_path: Path) -> None:
    feed = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').format(
        p1="The café in Zürich closed.", p2=ENGLISH
    )
    path = tmp_path / "latin.rss"
    path.write_bytes(feed.encode("latin-1"))
    assert read_articles([path]).articles[0].text.startswith("The café in Zürich closed.")
    lying = tmp_path / "lying.rss"
    lying.write_bytes(feed.replace('encoding="ISO-8859-1"', 'encoding="UTF-8"').encode("latin-1"))
    with pytest.raises(InputError, match=r"lying\.rss:8:\d+: not valid UTF-8 \(byte 0xe9\)"):
        read_articles([lying])


def test_broken_rss_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.rss", "this is not a feed at all\n")
    with pytest.raises(InputError, match=r"broken\.rss: not a valid RSS or Atom feed"):
        read_articles([path])


# --- ids, order, folders -----------------------------------------------------------------


def test_ids_are_content_hashes_wherever_the_text_came_from(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", f"---\ntitle: T\n---\n{ENGLISH}\n")
    line = write(tmp_path / "b.jsonl", jsonl({"text": ENGLISH, "title": "Other"}))
    first = read_articles([txt]).articles[0]
    again = read_articles([txt]).articles[0]
    from_jsonl = read_articles([line]).articles[0]
    assert first == again
    assert first.id == from_jsonl.id == article_id_for_text(ENGLISH)
    both = read_articles([line, txt])  # read in path order, whatever the order given
    assert [a.path for a in both.articles] == [str(txt)]
    assert both.skipped == (Skipped(f"{line}:1", f"same text as {txt}"),)


def test_folders_are_walked_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "2.txt", ENGLISH_2)
    write(tmp_path / "b" / "1.md", ENGLISH)
    write(tmp_path / "a.jsonl", jsonl({"text": "one"}, {"text": "two"}))
    write(tmp_path / "b" / "deep" / "x.TXT", "Deep.")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "c.txt", "Hidden folder.")
    write(tmp_path / "notes.json", '{"not": "read"}')
    write(tmp_path / "README", "not read")
    result = read_articles([tmp_path / "b", tmp_path, tmp_path / "b" / "1.md"])
    assert [a.name for a in result.articles] == ["a-00001", "a-00002", "1", "2", "x"]
    assert [a.text for a in result.articles] == ["one", "two", ENGLISH, ENGLISH_2, "Deep."]


def test_a_bare_path_is_one_path(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ENGLISH)
    assert read_articles(path).articles[0].text == ENGLISH  # type: ignore[arg-type]


def test_clashing_names_get_a_suffix(tmp_path: Path) -> None:
    write(tmp_path / "a" / "story.txt", ENGLISH)
    write(tmp_path / "b" / "story.txt", ENGLISH_2)
    write(tmp_path / "c" / "my story (1).txt", "Third text.")
    names = [a.name for a in read_articles([tmp_path]).articles]
    assert names == ["story", "story-2", "my-story-1"]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_articles([tmp_path / "nope"])
    write(tmp_path / "empty" / "data.csv", "a,b\n")
    with pytest.raises(InputError, match=r"empty: no article files in this folder"):
        read_articles([tmp_path / "empty"], skip_bad=True)
    pdf = write(tmp_path / "x.pdf", "%PDF")
    with pytest.raises(InputError, match=r"unsupported file type '\.pdf'"):
        read_articles([pdf])


def test_supported_extensions() -> None:
    assert SUPPORTED == (".txt", ".md", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml")
    assert DEFAULT_MAX_BYTES == 5 * 2**20


# --- bad bytes and sizes -------------------------------------------------------------------


def test_50_mb_article_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(ENGLISH.encode())
        handle.truncate(50 * 2**20)  # sparse: instant, and mostly NUL bytes nobody reads
    started = time.perf_counter()
    result = read_articles([path])
    assert time.perf_counter() - started < 1.0
    assert result.articles == ()
    assert result.skipped == (Skipped(str(path), "over the size limit (50.0 MiB > 5.0 MiB)"),)


def test_size_limit_on_extracted_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"text": "é" * 300}, {"text": "small"}))
    result = read_articles([path], max_bytes=500)
    assert [a.text for a in result.articles] == ["small"]
    assert result.skipped == (Skipped(f"{path}:1", "over the size limit (600 B > 500 B)"),)
    with pytest.raises(UsageError):
        read_articles([path], max_bytes=0)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50)
    with pytest.raises(InputError, match=r"image\.txt: looks like a binary file"):
        read_articles([path])
    noise = tmp_path / "noise.html"
    noise.write_bytes(bytes(range(1, 256)) * 40)
    with pytest.raises(InputError, match="looks like a binary file"):
        read_articles([noise])
    utf16 = write(tmp_path / "wide.txt", "")
    utf16.write_bytes(ENGLISH.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        read_articles([utf16])


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html", "e.jsonl", "e.rss", "e.xml"])
@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadArticleError, match=rf"{re.escape(name)}: empty file"):
        read_articles([path])
    assert read_articles([path], skip_bad=True).skipped == (Skipped(str(path), "empty file"),)


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("---\ntitle: ok\n---\nLine four.\nThe café opened.\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_articles([path])
    assert caught.value.line == 5 and caught.value.column == 8
    assert str(caught.value).startswith(f"{path}:5:8: not valid UTF-8 (byte 0xe9)")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfFirst.\nSecond \xff.\n")
    with pytest.raises(InputError, match=r"bom\.txt:2:8: not valid UTF-8 \(byte 0xff\)"):
        read_articles([bom])


def test_html_not_utf8_and_no_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>\n<p>Caf\xe9</p></body></html>\n")
    with pytest.raises(InputError, match=r"page\.html:2:.*not valid UTF-8"):
        read_articles([path])


# --- language ------------------------------------------------------------------------------


def test_non_english_articles_are_skipped(tmp_path: Path) -> None:
    de = write(tmp_path / "de.txt", GERMAN)
    fr = write(tmp_path / "fr.jsonl", jsonl({"text": FRENCH}))
    en = write(tmp_path / "en.txt", ENGLISH)
    short = write(tmp_path / "short.txt", "Guten Tag, wie geht es Ihnen heute?")
    result = read_articles([tmp_path])
    assert [a.path for a in result.articles] == [str(en), str(short)]  # short: not judged
    assert result.skipped == (
        Skipped(str(de), "not English (detected: de)"),
        Skipped(f"{fr}:1", "not English (detected: fr)"),
    )
    both = read_articles([de, fr, en], languages=["EN", "de"])
    assert [a.path for a in both.articles] == [str(de), str(en)]
    assert both.skipped == (Skipped(f"{fr}:1", "not English or German (detected: fr)"),)
    assert len(read_articles([de, fr, en], languages=()).articles) == 3


def test_languages_detected_at_once_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "de.txt", GERMAN)
    write(tmp_path / "fr.jsonl", jsonl({"text": FRENCH}) + "not json\n" + jsonl({"text": ENGLISH}))
    write(tmp_path / "en.txt", ENGLISH)
    write(tmp_path / "en-again.txt", ENGLISH)
    write(tmp_path / "de-again.txt", GERMAN)
    write(tmp_path / "short.txt", "Guten Tag, wie geht es Ihnen heute?")
    (tmp_path / "empty.txt").write_text("")
    for languages in (("en",), ("en", "de"), ()):
        one = read_articles([tmp_path], skip_bad=True, languages=languages)
        with monkeypatch.context() as patch:  # every text judged at once, none one by one
            if languages:
                patch.setattr(ingest, "_language_problem", None)
            many = read_articles([tmp_path], skip_bad=True, languages=languages, parallel=True)
        assert many == one
        assert len(one.skipped) >= 3


def test_unknown_language_code(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot detect language 'xx'"):
        read_articles([write(tmp_path / "a.txt", ENGLISH)], languages=["xx"])


# --- hostile text -----------------------------------------------------------------------------


def test_script_and_sparql_text_is_kept_verbatim(tmp_path: Path) -> None:
    path = write(tmp_path / "hostile.txt", f"---\ntitle: <b>bold</b>\n---\n{HOSTILE}\n")
    article = read_articles([path]).articles[0]
    assert article.text == HOSTILE
    assert article.title == "<b>bold</b>"


# --- our own data -------------------------------------------------------------------------


def front_matter(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").split("---\n")[1].splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def test_corpus_and_devset_are_english_with_front_matter() -> None:
    folders = [REPO / "data" / "corpus", REPO / "data" / "devset"]
    files = sorted(p for folder in folders for p in folder.glob("*.txt"))
    result = read_articles(folders)
    assert result.skipped == ()
    assert [Path(a.path or "") for a in result.articles] == files
    assert len(list((REPO / "data" / "corpus").glob("*.txt"))) >= 20  # the sample corpus
    assert len(files) >= 44  # and the devset: every one read, none skipped (above)
    for article, file in zip(result.articles, files, strict=True):
        meta = front_matter(file)
        assert (article.title, article.date, article.name) == (
            meta["title"],
            meta["date"],
            file.stem,
        )
        assert article.source == meta.get("source")
        assert article.text and not article.text.startswith("---")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval/seeds is not beside the repo")
def test_seed_stories_are_english() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    result = read_articles([SEEDS])
    assert result.skipped == ()
    assert [Path(a.path or "").name for a in result.articles] == [f.name for f in files]
    for article, file in zip(result.articles, files, strict=True):
        assert article.text == file.read_text(encoding="utf-8").strip()
