"""Readers: HTML pages, JSON article files, folders and glob patterns (no spaCy needed)."""

import json

from attrib.errors import InputError
from attrib.model import Article
from attrib.readers import count_articles, read_articles

PAGE = """<html><head>
<title>Mayor backs bridge | Carrow Gazette</title>
<meta property="og:site_name" content="Carrow Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-01">
<link rel="canonical" href="https://gazette.example/bridge">
</head><body>
<nav>Home | News | Sport</nav>
<article><h1>Mayor backs bridge</h1>
<p>"We will reopen the bridge by June," the mayor said on Tuesday. The council agreed
after a long debate about the costs of the project and its schedule.</p>
<p>Officials said the repairs would cost more than expected, according to a report.</p>
</article>
<footer>Copyright Carrow Gazette</footer>
</body></html>"""


def read(*paths) -> list:
    return list(read_articles([str(p) for p in paths]))


def test_html_page_gives_main_text_and_metadata(tmp_path):
    page = tmp_path / "bridge.html"
    page.write_text(PAGE, encoding="utf-8")
    [article] = read(page)
    assert isinstance(article, Article)
    assert article.id == "bridge"
    assert article.title == "Mayor backs bridge"
    assert article.published == "2024-05-01"
    assert article.author == "Jane Doe"
    assert article.publisher == "Carrow Gazette"
    assert article.url == "https://gazette.example/bridge"
    assert '"We will reopen the bridge by June," the mayor said' in article.text
    # Menus and footers are not article text.
    assert "Sport" not in article.text and "Copyright" not in article.text


def test_html_without_an_article_is_one_clear_error(tmp_path):
    empty = tmp_path / "empty.htm"
    empty.write_text("<html><head><title>x</title></head><body></body></html>")
    links = tmp_path / "links.html"
    links.write_text(
        "<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav><ul><li><a href=/p1>Product one</a></li>"
        "<li><a href=/p2>Product two</a></li></ul><footer>Copyright 2024 Shop Inc.</footer></body></html>"
    )
    errors = read(empty, links)
    assert all(isinstance(e, InputError) for e in errors)
    assert [str(e) for e in errors] == [
        f"{empty}: no article text found in the page",
        f"{links}: no article text found in the page",
    ]


def test_json_object_and_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "The mayor said so.", "title": "T", "author": "A"}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "x", "text": "She said yes."}, {"text": "He said no."}, {"id": "z"}, "text"]))
    items = read(one, many)
    assert [(a.id, a.title, a.author) for a in items[:1]] == [("one", "T", "A")]
    assert [a.id for a in items[1:3]] == ["x", "many-2"]
    assert [str(e) for e in items[3:]] == [
        f"{many}: item 3: article has no 'text'",
        f"{many}: item 4: expected a JSON object with 'id' and 'text'",
    ]


def test_malformed_json_names_the_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[\n{"text": "ok"},\n{oops}\n]')
    [error] = read(broken)
    assert str(error).startswith(f"{broken}:3: malformed JSON")


def test_folders_are_read_recursively_without_hidden_or_gold_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a" / "one.txt").write_text("The mayor said so.")
    (tmp_path / "a" / "b" / "two.jsonl").write_text('{"id": "two", "text": "She said yes."}\n')
    (tmp_path / "a" / "b" / "two.gold.json").write_text('{"doc": "two", "attributions": []}')
    (tmp_path / ".cache" / "three.txt").write_text("Hidden, he said.")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read(tmp_path)
    # In path order: a/b/two.jsonl before a/one.txt.
    assert [a.id for a in items if isinstance(a, Article)] == ["two", "one"]
    # A file of another type is not skipped in silence.
    assert [str(e) for e in items if isinstance(e, InputError)] == [
        f"{tmp_path / 'notes.png'}: unsupported file type '.png' (use .txt, .html, .json or .jsonl)"
    ]
    assert count_articles([str(tmp_path)]) == 3


def test_empty_folder_and_unmatched_glob_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    errors = read(tmp_path / "empty", tmp_path / "*.txt")
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'empty'}: folder holds no files to read",
        f"{tmp_path / '*.txt'}: no files match",
    ]


def test_glob_patterns_are_expanded(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"{name} is here, she said.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("Deep down, he said.")
    assert [a.id for a in read(tmp_path / "*.txt")] == ["a", "b"]
    assert [a.id for a in read(tmp_path / "**" / "*.txt")] == ["a", "b", "d"]


def test_a_wire_dateline_gives_the_published_date(tmp_path):
    from conftest import FIXTURES

    [seed] = read(FIXTURES / "us-venezuela-relations.txt")
    assert seed.published == "2026-03-06"
    texts = {
        "dated.txt": "date 2025-11-02 Paris, France: The minister said the talks had failed.",
        "bare.txt": "2025-11-02 \u2014 The minister said the talks had failed.",
        "none.txt": "The 2025-11-02 talks failed, the minister said: no dateline.",
        "impossible.txt": "date 2025-13-02 Paris: The minister said the talks had failed.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert {a.id: a.published for a in read(tmp_path)} == {
        "bare": "2025-11-02", "dated": "2025-11-02", "impossible": None, "none": None
    }
    # A date given with the article wins over its dateline.
    (tmp_path / "given.jsonl").write_text(json.dumps({"id": "g", "text": texts["dated.txt"], "published": "2025-11-03"}))
    assert [a.published for a in read(tmp_path / "given.jsonl")] == ["2025-11-03"]


def test_control_characters_become_spaces_so_offsets_stay_the_inputs(tmp_path):
    from attrib.readers import read_articles

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "Lin Ode\\u0085 said the vote was fair."}\n', encoding="utf-8")
    [article] = [a for a in read_articles([str(path)])]
    assert article.text == "Lin Ode  said the vote was fair."
    assert len(article.text) == len("Lin Ode\u0085 said the vote was fair.")
