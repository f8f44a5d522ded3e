"""The phrase matcher on its own: plurals, word order, typos, filler and split words."""
from lmi.matching import PhraseIndex, edit_distance
from lmi.text import singular, tokens

INDEX = PhraseIndex([
    ("5241", "Electricians and electrical fitters"), ("5241", "sparky"),
    ("5315", "Plumbers and heating and ventilating installers and repairers"), ("5315", "plumber"),
    ("2123", "Electrical engineers"),
    ("6221", "Hairdressers and barbers"), ("6221", "hairdresser"),
    ("2134", "Programmers and software development professionals"), ("2134", "software developer"),
    ("2231", "Nurses"),
])


def top(text):
    found = INDEX.search(text)
    return found[0].key if found else None


def test_edit_distance_counts_a_swap_once():
    assert edit_distance("electricain", "electrician", 2) == 1
    assert edit_distance("plumbr", "plumber", 1) == 1
    assert edit_distance("nurse", "doctor", 1) == 2  # above the limit: limit + 1


def test_singular_forms():
    assert [singular(w) for w in ["electricians", "nurses", "families", "bus", "physics", "firemen"]] == \
        ["electrician", "nurse", "family", "bus", "physics", "fireman"]


def test_filler_words_are_dropped():
    assert tokens("how much do electricians get paid round here") == ["electrician"]


def test_exact_alias_is_certain():
    assert INDEX.search("sparky")[0].score == 1.0


def test_plural_and_case():
    assert top("ELECTRICIANS") == "5241"


def test_typos_resolve():
    assert top("electricain") == "5241"
    assert top("plumbr") == "5315"
    assert top("hairdreser") == "6221"


def test_word_order_does_not_matter():
    assert top("developer software") == "2134"


def test_split_word_is_joined():
    assert top("hair dresser") == "6221"


def test_ambiguous_words_rank_several_with_scores():
    found = INDEX.search("electrical")
    assert {m.key for m in found} >= {"5241", "2123"}
    assert all(0 < m.score <= 1 for m in found)


def test_nothing_for_unrelated_or_empty_text():
    assert INDEX.search("") == []
    assert INDEX.search("   ") == []
    assert INDEX.search("what's the weather like") == []



def test_a_word_longer_than_forty_letters_is_ignored():
    giant = "x" * 41
    assert INDEX.search(giant) == []
    assert INDEX.search(f"plumbers {giant}") == INDEX.search("plumbers")  # not even counted as an unknown word
    forty = "x" * 40
    assert INDEX.search(f"plumbers {forty}")[0].score < INDEX.search("plumbers")[0].score


def test_a_random_two_thousand_letter_word_takes_under_100_ms():
    import random
    import string
    import time
    rng = random.Random(2000)
    giant = "".join(rng.choice(string.ascii_lowercase) for _ in range(2000))
    started = time.perf_counter()
    assert INDEX.search(giant) == []
    assert time.perf_counter() - started < 0.1
