"""The bar chart's layout: bars to scale, a suppressed count as an outline with its words, long labels shortened."""
from insight.chart import BAR_SPACE, bar_chart
from insight.suppress import Line, Shown


def test_bars_are_to_scale_and_carry_their_count_as_text():
    chart = bar_chart("c", "Topics", [Line(("Pay",), Shown(20)), Line(("Routes",), Shown(10)),
                                      Line(("Rare",), Shown(None))])
    pay, routes, rare = chart.bars
    assert (pay.width, routes.width) == (BAR_SPACE, BAR_SPACE / 2)
    assert (pay.value_text, rare.value_text) == ("20", "fewer than 5")
    assert rare.suppressed and not pay.suppressed and rare.width == BAR_SPACE * 4 / 20
    assert [b.y for b in chart.bars] == sorted(b.y for b in chart.bars) and chart.height > rare.y


def test_a_long_label_is_shortened_and_the_table_keeps_it_whole():
    chart = bar_chart("c", "Jobs", [Line(("Electricians and electrical fitters", "Stoke-on-Trent"), Shown(5))])
    assert chart.bars[0].label.endswith("…") and len(chart.bars[0].label) <= 38 and ",…" not in chart.bars[0].label


def test_an_empty_chart_still_has_a_height():
    assert bar_chart("c", "Nothing", []).height > 0
