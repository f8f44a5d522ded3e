"""ONS's related job titles become resolver names only when they say which job is meant."""
from lmi.aliases import ons_aliases

KNOWN = [("6222", "Beauticians and related occupations"), ("6222", "beauty therapist"), ("5241", "Electricians")]


def test_specific_titles_are_kept_without_bracketed_qualifiers():
    found = ons_aliases(KNOWN, [("5241", ["Electrical contractor"]), ("5412", ["Shoe repairer (leather goods mfr)"])])
    assert found == [("5241", "Electrical contractor"), ("5412", "Shoe repairer")]


def test_vague_or_shared_titles_are_left_out():
    related = [
        ("3219", ["Therapist"]),  # all its words are in another group's name
        ("5412", ["Leather worker (leather goods mfr)"]),  # only a field is left once filler goes
        ("8131", ["Machinist (clothing mfr)"]), ("5412", ["Machinist (leather goods mfr)"]),  # two groups
    ]
    assert ons_aliases(KNOWN, related) == []


def test_a_groups_own_title_repeated_by_ons_is_harmless():
    assert ons_aliases(KNOWN, [("6222", ["Beauty therapist"])]) == [("6222", "Beauty therapist")]
