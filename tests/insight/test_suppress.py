"""Small counts: under 5 is "fewer than 5", the rest (totals included) rounded to the nearest 5, so subtracting one
shown figure from another never gives a hidden count away."""
import pytest

from insight.suppress import Line, Shown, lines, rounded, shown


@pytest.mark.parametrize("count,text,csv", [(0, "0", "0"), (1, "fewer than 5", "<5"), (4, "fewer than 5", "<5"),
                                            (5, "5", "5"), (7, "5", "5"), (8, "10", "10"), (12, "10", "10"),
                                            (13, "15", "15"), (1234, "1,235", "1235")])
def test_counts_as_shown_on_the_page_and_in_csv(count, text, csv):
    assert (shown(count).text, shown(count).csv) == (text, csv)


def test_a_negative_count_is_an_error():
    with pytest.raises(ValueError):
        shown(-1)


def test_suppressed_lines_come_last_in_label_order_whatever_their_size():
    made = lines({("b",): 4, ("a",): 1, ("z",): 30, ("c",): 9, ("d",): 0})
    assert [(line.label, line.count) for line in made] == [
        ("z", Shown(30)), ("c", Shown(10)), ("a", Shown(None)), ("b", Shown(None))]


def _possible_hidden(whole_shown: Shown, part_shown: Shown) -> set[int]:
    """Every hidden count (1-4) an onlooker cannot rule out, knowing the rule, from the two shown figures of
    `whole = part + hidden` (a total and the one shown cell, or all schools and the other school)."""
    parts = [p for p in range(5, 200) if shown(p) == part_shown]
    return {h for h in range(1, 5) for p in parts if shown(p + h) == whole_shown}


def test_subtracting_a_shown_cell_from_its_total_never_reveals_the_hidden_one():
    for part in range(5, 150):
        for hidden in range(1, 5):
            possible = _possible_hidden(shown(part + hidden), shown(part))
            assert hidden in possible and len(possible) >= 2, (part, hidden, possible)


def test_subtracting_one_filter_from_another_never_reveals_the_hidden_school():
    """All schools' count of a topic minus the shown counts of the other schools, as a hub lead could try."""
    for others in ([6, 9], [5, 5, 5], [12], [7, 30]):
        for hidden in range(1, 5):
            whole = shown(sum(others) + hidden)
            assert whole.value is not None
            shown_sum = sum(shown(n).value for n in others)
            # what each shown figure could truly be, within rounding
            low = sum(max(5, v - 2) for v in (shown(n).value for n in others))
            high = sum(v + 2 for v in (shown(n).value for n in others))
            possible = {h for h in range(1, 5) for total in range(low, high + 1) if shown(total + h) == whole}
            assert len(possible) >= 2, (others, hidden, shown_sum, possible)


def test_two_hidden_cells_of_one_each_cannot_be_read_from_the_total():
    table = {("x",): 20, ("y",): 1, ("z",): 1}
    total = shown(sum(table.values()))
    shown_cells = [line.count.value for line in lines(table) if not line.count.suppressed]
    # the total (20 + 1 + 1 = 22, shown as 20) minus the shown 20 says nothing about y and z
    assert total == Shown(20) and total.value - sum(shown_cells) == 0


def test_rounding_is_to_the_nearest_five_halves_up():
    assert [rounded(n) for n in (5, 7, 8, 10, 12, 13)] == [5, 5, 10, 10, 10, 15]


def test_a_line_joins_its_cells_for_its_label():
    assert Line(("Electricians", "Leek"), Shown(None)).label == "Electricians, Leek"
