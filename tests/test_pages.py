"""Web pages as newsrooms save them: real pages of ../shared/corpus/web, read at test time."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reports.analysis import analyze
from reports.errors import ReadError
from reports.ingest import eml, html, markdown

WEB = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "web"


def page(name: str):
    raw = gzip.decompress((WEB / name).read_bytes())
    return next(iter(html.read(Path(name).with_suffix(""), raw, name)))


def test_title_loses_the_site_name():
    article = page("newspaper4k/yna_co_kr.html.gz")
    assert article.title == "N. Korea slams S. Korea for joint military drill, warns of consequences"


def test_chinese_title_loses_its_site_tail_and_article_is_long_enough():
    article = page("newspaper4k/chinese_article_002.html.gz")
    assert article.title == "短缺药品保供稳价 全力保障临床用药需求"
    assert len(article.text) > 200


@pytest.mark.parametrize("name", ["newspaper4k/cnn_main_site.html.gz", "newspaper4k/wired_main_site.html.gz"])
def test_home_page_is_refused_with_that_reason(name: str):
    with pytest.raises(ReadError, match="not an article"):
        page(name)


def test_share_bar_and_comment_lines_never_reach_the_summary():
    for name in ("trafilatura/sprechblase.wordpress.com.zapfsaeulen.html.gz", "trafilatura/gregoryszorc.com.python3.html.gz"):
        result = analyze(page(name))
        record = next(json.loads(l) for l in (WEB / "trafilatura.jsonl").open() if name in l)
        for snippet in record["without"]:
            assert all(snippet not in sentence for sentence in result.summary), (name, snippet)


def test_byline_reaches_the_analysis_json():
    result = analyze(page("newspaper4k/video_article_02.html.gz"))
    assert "Tan" in (result.to_json()["author"] or "")


def test_caption_that_is_only_a_credit_is_a_credit():
    assert html._split_credit("Foto: Jane Doe", None) == (None, "Jane Doe")
    assert html._split_credit("Smoke over the hills. Credit... Jane Doe/The Agency", None) == (
        "Smoke over the hills.", "Jane Doe/The Agency")


def test_meta_charset_after_a_long_head_is_honoured(tmp_path: Path):
    body = "<p>" + "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 6 + "</p>"
    raw = ("<html><head>" + "<!-- padding -->" * 400 + '<meta charset="windows-1251"></head><body>'
           + body + "</body></html>").encode("cp1251")
    article = next(iter(html.read(tmp_path / "p.html", raw, "p.html")))
    assert "французских булок" in article.text


def test_lines_broken_inside_a_sentence_are_joined():
    assert html._join_broken(["The minister, who in 2008", "won the vote, said so.", "Next one."]) == [
        "The minister, who in 2008 won the vote, said so.", "Next one."]


def test_markdown_front_matter_author_and_eml_from_are_the_byline(tmp_path: Path):
    md = b"---\ntitle: A day\nauthor: Jane Reporter\n---\n\nThe council met on Monday and voted for the plan by nine votes.\n"
    article = next(iter(markdown.read(tmp_path / "a.md", md, "a.md")))
    assert analyze(article).author == "Jane Reporter"
    mail = (b"From: Sam Writer <sam@example.org>\nSubject: Council vote\nContent-Type: text/plain\n\n"
            b"The council met on Monday and voted for the plan by nine votes to two.\n")
    article = next(iter(eml.read(tmp_path / "a.eml", mail, "a.eml")))
    assert article.author == "Sam Writer"


PRUNED_PAGE = """<html><head><title>Council votes for the new bridge</title></head><body>
<article class="post has-share-bar">
<p>The council voted on Monday to build the new bridge over the river, after two years of
<a href="/people/omar" title="x">Ilhan Omar<span class="tooltip">Ilhan Omar profile and stories</span></a>
argued that the old crossing was unsafe for the town's buses and lorries.</p>
<p>Work starts in the spring and the bridge should open to traffic in the autumn of next year.</p>
<ul><li><span>3/12</span> Harbour wall repaired: builders finished the harbour wall on Friday.</li>
<li><span>4/12</span> Ferry fares rise: the ferry company raised its fares by a tenth on Monday.</li>
<li><span>5/12</span> The new school opens: pupils had their first lessons in the new building.</li></ul>
<p>Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte</p>
<div class="share-tools"><p>Share this story on the sites you use every day</p></div>
</article>
<aside class="related-stories"><p>Mayor opens the new library in the old town hall building today</p></aside>
<div class="nextstory"><p>The good folks at the choir are still doing their thing, and now they have included
two famous drummers to play along at a concert in the park on a sunny afternoon in April this year.</p></div>
</body></html>"""


def test_hidden_text_and_the_sites_blocks_never_reach_the_article(tmp_path: Path):
    article = next(iter(html.read(tmp_path / "p.html", PRUNED_PAGE.encode(), "p.html")))
    assert "Ilhan Omar argued" in article.text and "profile and stories" not in article.text
    assert "Work starts in the spring" in article.text
    for furniture in ("Share this story", "Mayor opens", "The good folks", "builders finished", "ferry company",
                      "Pour lire la suite"):
        assert furniture not in article.text, furniture


def _dev_pages() -> list[Path]:
    return sorted(p for folder in ("trafilatura", "newspaper4k", "readability/pages") for p in (WEB / folder).glob("*.html.gz"))


def test_no_raw_entity_or_markup_in_any_title_summary_caption_or_author_of_the_dev_pages():
    """Every dev page (about 500): what a reader sees of it holds no raw HTML entity or tag."""
    from reports.analysis import prose, summary, text

    assert len(_dev_pages()) > 450
    raw = []
    for path in _dev_pages():
        try:
            article = page(str(path.relative_to(WEB)))
        except ReadError:
            continue
        shown = [article.title or "", article.caption or "", article.credit or "", article.author or ""]
        shown += summary.summarize(text.split(article.text), 3, title=article.title)
        raw += [(path.name, s) for s in shown if prose.MARKUP.search(s)]
    assert raw == []


STANDFIRST_PAGE = """<html><head><title>Council votes for the new bridge</title>
<meta property="og:description" content="{description}"></head><body><article>
<h1>Council votes for the new bridge</h1>
<p>After two years of argument the town gets its crossing, and the buses their shorter route.</p>
<p>The council voted on Monday to build the new bridge over the river by nine votes to two.</p>
<p>Work starts in the spring and the bridge should open to traffic in the autumn of next year.</p>
</article></body></html>"""


def test_the_standfirst_is_shown_under_the_headline_never_in_the_summary(tmp_path: Path):
    line = "After two years of argument the town gets its crossing, and the buses their shorter route."
    article = next(iter(html.read(tmp_path / "p.html", STANDFIRST_PAGE.format(description=line).encode(), "p.html")))
    assert article.standfirst == line and line not in article.text
    assert line not in analyze(article).summary
    # a description that is the lead cut short is the lead, not a standfirst
    lead = "The council voted on Monday to build the new bridge over the&#8230;"
    article = next(iter(html.read(tmp_path / "p.html", STANDFIRST_PAGE.format(description=lead).encode(), "p.html")))
    assert article.standfirst is None and "The council voted on Monday" in article.text


def test_a_recipes_fractions_are_not_a_gallery():
    lines = ["- 1/2 cup sugar", "- 1/2 cup flour", "- 1/4 cup milk", "- 3/4 cup water"]
    assert html._without_slides(lines) == lines
    slides = ["- 1/9 Harbour wall repaired", "- 2/9 Ferry fares rise", "Text.", "- 3/9 School opens"]
    assert html._without_slides(slides) == ["Text."]


@pytest.mark.parametrize(
    ("written", "byline"),
    [
        ("Written by Jane Doe Edited by John Roe", "Jane Doe"),
        ("By Jane Doe and John Roe; Photographs by Ann Poe", "Jane Doe and John Roe"),
        ("By Jane Doe, Senior Political Correspondent", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("By Reuters February", "Reuters"),
        ("Follow Author", None),
        ("By J. K. Rowling", "J. K. Rowling"),
        ("Jane Doe · 5 min read", "Jane Doe"),
        ("By J J", None),
        ("S Sky", None),
        ("Posted by Widget Developers", None),
        ("Gadget Contributors", None),
        ("Author: Jane Doe", "Jane Doe"),
        ("By Jane Doe @janedoe", "Jane Doe"),
        ("By Reuters Staff", "Reuters"),
        ("By Associated Press Wire", "Associated Press"),
        ("View all posts by Jane Doe", "Jane Doe"),
        ("More stories from Jane Doe", "Jane Doe"),
        ("Jane Doe jane.doe@example.org", "Jane Doe"),
        ("Auteur : Jane Doe", "Jane Doe"),
        ("Veröffentlicht von Jane Doe", "Jane Doe"),
        ("Redacción", None),
        ("Agencies", None),
        ("Letters To The Editor", None),
    ],
)
def test_a_byline_is_the_writers_names_or_an_agency(written: str, byline: str | None):
    assert html._names(written, True) == byline


@pytest.mark.parametrize(
    ("declared", "byline"),
    [("Author: Jane Doe", "Jane Doe"), ("publisher", None), ("Redacción", None), ("Agencies", None),
     ("Letters To The Editor", None), ("jane.doe", None), ("Jane Doe", "Jane Doe"), ("史蒂文 (steven)", "史蒂文 (steven)")],
)
def test_a_declared_author_is_names_never_a_role_or_a_desk(declared: str, byline: str | None):
    """<meta name="author"> is trusted as names, but not when it holds a role or a desk."""
    assert html._names(declared, False) == byline


MENU_PAGE = """<html><head><title>Council changes the ferry timetable</title></head><body>
<site-navigation><site-navigation-item><span>What is the pension insurance?</span>
<site-link href="/pensions"><p>Overview: pensions and old-age provision for everyone here</p></site-link>
</site-navigation-item></site-navigation>
<div role="menubar"><p>Which benefits can families claim this year?</p></div>
<main><h1>Council changes the ferry timetable</h1>
<p>The council voted on Tuesday to change the ferry timetable from the first of June, after a long
consultation with the islanders who use the morning crossing to reach work on the mainland.</p>
<p>The first ferry will leave half an hour earlier, and a late crossing is added on Fridays, the
council said, while fares stay as they were for at least another year.</p></main>
</body></html>"""


def test_a_menu_named_by_its_custom_tag_or_its_role_is_the_sites_block():
    """Web components write a menu as <site-navigation> with <site-link href>: no <a>, no class;
    the tag names it as a class would. role="menubar" is a menu whatever its tag."""
    import trafilatura

    from reports.ingest import prune

    lines = prune.prune(trafilatura.load_html(MENU_PAGE))
    for menu in ("What is the pension insurance?", "Which benefits can families claim this year?"):
        assert menu in lines, menu
    assert not any("ferry" in line for line in lines)


RELATED_AUTHOR_PAGE = """<html><head><title>Ferry timetable changes in June</title></head><body>
<article><h1>Ferry timetable changes in June</h1><div class="byline">Our Island Staff</div>
<p>The council voted on Tuesday to change the ferry timetable from the first of June, after a long
consultation with the islanders who use the morning crossing to reach work on the mainland.</p>
<p>The first ferry will leave half an hour earlier, and a late crossing is added on Fridays, the
council said, while fares stay as they were for at least another year.</p></article>
<aside class="related-stories"><div class="story"><a href="/harbour">Harbour wall repaired</a>
<div class="story-author">Jane Doe</div></div></aside>
</body></html>"""


def test_the_author_of_a_related_story_is_not_the_byline(tmp_path: Path):
    """The article's byline is a desk (no byline, then); a related story's author is no fallback."""
    article = next(iter(html.read(tmp_path / "p.html", RELATED_AUTHOR_PAGE.encode(), "p.html")))
    assert article.author is None


LINK_LINE_PAGE = """<html><head><title>Spas of the valley</title></head><body><article>
<p>The valley has six spas, and the water of each comes from a different spring deep under the
old volcano, which is why the guests who come back every winter say that no two of them are alike.</p>
<p><strong>&gt;&gt; Read more: <a href="/other">Find out all about the spa by the river!</a></strong></p>
<p>The oldest of them opened in the last century and still has its original wooden changing rooms,
which the owners restored last year with the help of the regional heritage office.</p>
<p><a href="/source">The generation we love to talk about</a></p>
</article></body></html>"""


def test_a_label_and_a_link_is_another_page_but_a_bare_link_is_kept():
    import trafilatura

    from reports.ingest import prune

    lines = prune.prune(trafilatura.load_html(LINK_LINE_PAGE))
    assert ">> Read more: Find out all about the spa by the river!" in lines
    assert not any("generation" in line or "valley" in line for line in lines)


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ('<title>ISLA - Ferry timetable changes in June</title><link rel="canonical" href="https://www.isla.example/ferry">',
         "Ferry timetable changes in June"),
        ('<meta property="og:site_name" content="www.isla.example"><title>Ferry timetable changes in June | ISLA</title>',
         "Ferry timetable changes in June"),
        # a title part that is a word of the host, and the rest a single word: kept whole
        ('<title>Ferry - Isla</title><link rel="canonical" href="https://ferry.example/june">', "Ferry - Isla"),
        ("<title>Ferry time­table changes in June</title>", "Ferry timetable changes in June"),
        ('<title>Ferry-Timetable | isla-news.example | Your island paper</title>'
         '<link rel="canonical" href="https://www.isla-news.example/ferry">', "Ferry-Timetable"),
        ("<title>Ferry timetable changes in June • Isla</title>", "Ferry timetable changes in June"),
    ],
)
def test_the_sites_name_as_its_host_spells_it_is_cut_from_the_title(tmp_path: Path, head: str, title: str):
    page = RELATED_AUTHOR_PAGE.replace("<head><title>Ferry timetable changes in June</title>", f"<head>{head}")
    page = page.replace("<h1>Ferry timetable changes in June</h1>", "")
    article = next(iter(html.read(tmp_path / "p.html", page.encode(), "p.html")))
    assert article.title == title


@pytest.mark.parametrize(
    ("head", "h1", "title"),
    [
        ("<title>Neu - Ferry timetable changes in June - Vorstellung</title>", "<h1>Ferry timetable changes in June</h1>",
         "Ferry timetable changes in June"),
        # the <h1> is the site's logo, a link home: the title is read as before
        ("<title>Island Times » Blog » Ferry timetable changes from the first of June</title>",
         '<h1><a href="https://islandtimes.example/">Island Times</a></h1>',
         "Island Times » Blog » Ferry timetable changes from the first of June"),
    ],
)
def test_the_title_is_the_part_of_the_declared_title_the_h1_shows(tmp_path: Path, head: str, h1: str, title: str):
    page = f"<html><head>{head}</head><body>{h1}" + RELATED_AUTHOR_PAGE.split("<body>", 1)[1]
    article = next(iter(html.read(tmp_path / "p.html", page.encode(), "p.html")))
    assert article.title == title


def test_a_description_that_is_a_paragraph_of_the_body_edited_is_no_standfirst(tmp_path: Path):
    """The page's description is its lead before an edit (one word changed, soft hyphens): shown
    as a standfirst, the reader would read it twice, under the headline and in the summary."""
    lead = ("The council voted on Tuesday to change the ferry timetable from the first of June, after a long "
            "consultation with the islanders who use the morning crossing to reach work on the mainland.")
    description = lead.replace("long", "lengthy").replace("consultation", "consul\u00adtation")
    page = RELATED_AUTHOR_PAGE.replace("<head>", f'<head><meta name="description" content="{description}">')
    page = page.replace("</article>", "<p>Menu</p><p>Home</p><p>Ferries</p></article>").replace(
        '<div class="byline">', "<p>Ferries</p><p>News</p><p>Timetables</p><div class=\"byline\">")
    article = next(iter(html.read(tmp_path / "p.html", page.encode(), "p.html")))
    assert lead in article.text
    assert article.standfirst is None


def test_a_short_sentence_written_twice_is_the_sites_but_a_repeated_heading_is_kept():
    lines = ["Your most important touchpoint for the trade.", "Contents", "The council voted on Tuesday.",
             "Your most important touchpoint for the trade.", "Contents"]
    assert html._without_repeats(lines) == ["Contents", "The council voted on Tuesday.", "Contents"]


WRAPPED_ARTICLE_PAGE = """<html><head><title>Ferry timetable changes</title></head><body>
<aside class="sidebar"><div id="nav_menu-8"><ul><li>Home</li></ul>
<article><h1>Ferry timetable changes</h1>
<p>The council voted on Tuesday to change the ferry timetable from the first of June, after a long
consultation with the islanders who use the morning crossing.</p></article></div></aside>
<div class="main"><p>A much longer paragraph that is no part of the article at all but a block of
text that the theme puts in its main column, longer than any paragraph of the short article itself
so that the longest paragraph of the page is not the article's own paragraph at all.</p></div>
</body></html>"""


def test_the_pages_one_article_is_never_inside_a_pruned_block():
    """A theme's widget left unclosed wraps the article ("nav_menu-8"): its name is a menu's, but
    the rules trim around the article, they never remove it."""
    import trafilatura

    from reports.ingest import prune

    lines = prune.prune(trafilatura.load_html(WRAPPED_ARTICLE_PAGE))
    assert not any("ferry timetable" in line for line in lines)


def test_the_headline_with_soft_hyphens_is_not_the_bodys_first_line():
    body = html._body("Ferry time\u00adtable changes\nThe council voted on Tuesday.", "Ferry timetable changes", None)
    assert body == "The council voted on Tuesday."


TWEET_PAGE = """<html><head><title>Ferry timetable changes in June</title></head><body><article>
<h1>Ferry timetable changes in June</h1>
<blockquote class="twitter-tweet"><p>The morning ferry is leaving earlier from the first of June,
and the islanders are really not happy about it at all.</p>&mdash; Island Watcher (@watcher)
<a href="https://twitter.com/watcher/status/1">May 2, 2026</a></blockquote>
<p>The council voted on Tuesday to change the ferry timetable from the first of June, after a long
consultation with the islanders who use the morning crossing to reach work on the mainland.</p>
<p>The first ferry will leave half an hour earlier, and a late crossing is added on Fridays, the
council said, while fares stay as they were for at least another year.</p>
<p>The harbour master said the new timetable had been agreed with the crews, who asked for the
change last winter when the morning crossing was often late.</p></article></body></html>"""


def test_an_embedded_tweet_stays_in_the_text_but_is_no_summary_sentence(tmp_path: Path):
    """The article quotes the tweet (its text stays), but a summary sentence from it would be
    another writer's words shown as the article's own."""
    article = next(iter(html.read(tmp_path / "p.html", TWEET_PAGE.encode(), "p.html")))
    assert "islanders are really not happy" in article.text
    assert any("islanders are really not happy" in post for post in article.embeds)
    summary = analyze(article).summary
    assert summary and not any("not happy" in sentence for sentence in summary)


FORMULA_PAGE = """<html><head><title>Ferry fares and the square root</title></head><body><article>
<h1>Ferry fares and the square root</h1>
<p>The council voted on Tuesday to change the ferry timetable from the first of June, after a long
consultation with the islanders who use the morning crossing to reach work on the mainland.</p>
<p>The new fare for a crossing is <mjx-container class="MathJax" jax="CHTML"><mjx-math aria-hidden="true">
<mjx-mi>f</mjx-mi></mjx-math><mjx-assistive-mml><math><mi>f</mi><mo>=</mo><msqrt><mi>d</mi></msqrt></math>
</mjx-assistive-mml></mjx-container>, where the distance is counted in nautical miles from the pier.</p>
<p>The first ferry will leave half an hour earlier, and a late crossing is added on Fridays, the
council said, while fares stay as they were for at least another year.</p></article></body></html>"""


def test_an_inline_formula_is_marked_where_it_stood_and_its_sentence_is_no_summary_sentence(tmp_path: Path):
    """No extraction reads a formula: cut out, its sentence reads wrong ("The new fare for a
    crossing is , where ..."); marked, a reader sees something stands there."""
    article = next(iter(html.read(tmp_path / "p.html", FORMULA_PAGE.encode(), "p.html")))
    assert "The new fare for a crossing is \u22ef, where the distance" in article.text
    summary = analyze(article, sentences=3).summary
    assert len(summary) == 2 and not any("fare for a crossing" in sentence for sentence in summary)


def test_a_parsely_author_is_a_declared_author_before_the_pages_byline_element(tmp_path: Path):
    """Readability's order: the author a page declares (here Parse.ly's meta) before the text
    of an element named "byline"."""
    page = RELATED_AUTHOR_PAGE.replace("<head>", '<head><meta name="parsely-author" content="Jane Doe">')
    page = page.replace("Our Island Staff", "By John Roe")
    article = next(iter(html.read(tmp_path / "p.html", page.encode(), "p.html")))
    assert article.author == "Jane Doe"
