from reports.analysis import text
from reports.analysis.quotes import quotes


def test_paragraphs_stories_and_offsets():
    body = "First story. It has two sentences.\n\nSecond paragraph.\n\n\n\nOther story here."
    doc = text.split(body)
    assert [p.story for p in doc.paragraphs] == [0, 0, 1]
    assert [p.position for p in doc.paragraphs] == [0, 1, 0]
    assert [s.text for s in doc.sentences] == [
        "First story.", "It has two sentences.", "Second paragraph.", "Other story here.",
    ]
    for sentence in doc.sentences:
        assert body[sentence.start : sentence.end] == sentence.text


def test_opening_quote_moves_to_the_sentence_it_opens():
    body = 'The worry is real," Koob says. "We were all 21 once."'
    doc = text.split(body)
    assert [s.text for s in doc.sentences] == ['The worry is real," Koob says.', '"We were all 21 once."']


def test_abbreviations_do_not_split():
    doc = text.split("Mr. Smith met U.S. officials on Monday. They talked.")
    assert len(doc.sentences) == 2


def test_ms_before_a_name_ends_no_sentence():
    # sentencex's English rules know "Mr." and "Mrs." but end a sentence at "Ms."
    doc = text.split("Mrs. Clark said that when Ms. Lee spoke, “we all listened.” Then they left.")
    assert [s.text for s in doc.sentences] == [
        "Mrs. Clark said that when Ms. Lee spoke, “we all listened.”", "Then they left.",
    ]
    assert [q.speaker for q in quotes.extract(doc).items] == ["Clark"]


def test_words_keep_apostrophes_and_numbers():
    assert text.words("We’re sending 100,000 troops — Putin's lair.") == [
        "We’re", "sending", "100", "000", "troops", "Putin's", "lair",
    ]


def test_sentences_are_split_in_the_article_language():
    french = "Le président a reçu M. Dupont et Mme. Martin mardi. Selon le Dr. Weber, tout va bien. J. Dupont confirme."
    doc = text.split(french, "fr")
    assert [s.text for s in doc.sentences] == [
        "Le président a reçu M. Dupont et Mme. Martin mardi.",
        "Selon le Dr. Weber, tout va bien.",
        "J. Dupont confirme.",
    ]
    assert doc.language == "fr"
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    german = "Am 3. Oktober kam Dr. Müller nach Berlin. Nach Abs. 2 gilt das nicht."
    assert len(text.split(german, "de").sentences) == 2
    assert len(text.split(german, "en").sentences) == 4  # English rules end one at "3." and "Abs."
