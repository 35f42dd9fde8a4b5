import pandas as pd

from reportbook import targets


def _fig(fid, kind, value, period, qualifier="eq", unit="%", ind="clean_capacity_share"):
    return dict(
        figure_id=fid, indicator_id=ind, kind=kind, value=value, value_high=None, unit=unit,
        qualifier=qualifier, period=period, value_base=value, base_unit="percent", quote="",
    )  # fmt: skip


def test_pending_until_a_result_for_the_same_period():
    """A July 2023 stock says nothing of a 2024 target: pending, no gap, no progress (it was
    'gapped' at -3.5 points before the verdict rules)."""
    df = pd.DataFrame(
        [_fig("a", "actual", 56.5, "2023-07-31"), _fig("t", "target", 60, "2024", "ge")]
    )
    t = targets.track(df)
    assert list(t["status"]) == ["pending"]
    assert pd.isna(t["gap"].iloc[0]) and t["progress_id"].iloc[0] == ""


def test_met_and_missed():
    df = pd.DataFrame(
        [
            _fig("t", "target", 60, "2024", "ge"),
            _fig("a", "actual", 61.2, "2024-12-31"),
            _fig("t2", "target", 2000, "2024", "gt", "万千瓦", "power_capacity"),
            _fig("a2", "actual", 1990, "2024", "eq", "万千瓦", "power_capacity"),
        ]
    )
    t = targets.track(df).set_index("target_id")
    assert t.loc["t", "status"] == "met"
    assert t.loc["t2", "status"] == "missed"


def test_a_target_with_no_result_is_pending():
    df = pd.DataFrame([_fig("t", "target", 60, "2024", "ge")])
    t = targets.track(df)
    assert list(t["status"]) == ["pending"] and pd.isna(t["gap"].iloc[0])


# ---------------------------------------------------------------------- the stated rules


def _row(fid, kind, value, period, ind="gdp_growth", q="eq", unit="%", place="忻州市",
         base="percent", source="s", high=None):  # fmt: skip
    return dict(figure_id=fid, indicator_id=ind, kind=kind, value=value, value_high=high,
                unit=unit, qualifier=q, period=period, value_base=value, base_unit=base,
                quote="", place=place, source_id=source, char_start=0)  # fmt: skip


def test_an_annual_target_is_judged_by_its_own_year_only():
    """The shipped book's case: a 2024 growth target beside 2023 results — pending, no gap."""
    df = pd.DataFrame([
        _row("q1", "actual", -4.2, "2023-Q1"), _row("h1", "actual", 1, "2023-H1"),
        _row("t", "target", 5, "2024", q="ge"),
    ])  # fmt: skip
    t = targets.track(df).iloc[0]
    assert t.status == "pending" and pd.isna(t.gap) and t.progress_id == ""
    later = pd.concat([df, pd.DataFrame([_row("y", "actual", 5.3, "2024")])])
    t = targets.track(later).iloc[0]
    assert (t.status, t.result_ids, t.gap) == ("met", "y", 0.3)


def test_a_cumulative_result_shows_progress_never_a_verdict():
    df = pd.DataFrame([
        _row("t", "target", 2000, "2024", ind="power_capacity", q="gt", unit="万千瓦", base="kW"),
        _row("q3", "actual", 1957.73, "2024-01/2024-09", ind="power_capacity", unit="万千瓦",
             base="kW"),
    ])  # fmt: skip
    t = targets.track(df).iloc[0]
    assert t.status == "pending" and t.progress_id == "q3" and t.progress_share == 97.9
    html = targets.to_html(targets.track(df), str)
    assert "so far" in html and "97.9% of the target" in html and targets.RULES in html


def test_more_than_is_met_by_more_only():
    for value, status in ((2000.5, "met"), (2000, "missed")):
        df = pd.DataFrame([
            _row("t", "target", 2000, "2024", ind="power_capacity", q="gt", unit="万千瓦",
                 base="kW"),
            _row("a", "actual", value, "2024-12-31", ind="power_capacity", unit="万千瓦",
                 base="kW"),
        ])  # fmt: skip
        assert targets.track(df).iloc[0].status == status


def test_lower_is_better_for_a_ceiling():
    assert targets.meets(5.2, 5.5, "le", better="lower")
    assert not targets.meets(5.8, 5.5, "le", better="lower")
    assert targets.meets(0.4, 3, "approx", better="lower")  # prices rose less than the ceiling
    assert not targets.meets(3.4, 3, "approx", better="lower")
    assert targets.meets(2.9, 3, "approx")  # within 5% of an 'about 3' target


def test_disagreeing_results_are_a_conflict_with_no_verdict():
    df = pd.DataFrame([
        _row("t", "target", 5, "2024", q="ge"),
        _row("a", "actual", 5.2, "2024", source="s1"),
        _row("b", "actual", 4.8, "2024", source="s2"),
    ])  # fmt: skip
    t = targets.track(df).iloc[0]
    assert t.status == "conflict" and set(t.result_ids.split()) == {"a", "b"} and pd.isna(t.gap)


def test_another_place_never_settles_the_city_target():
    df = pd.DataFrame([
        _row("t", "target", 5, "2024", q="ge"), _row("c", "actual", 7.0, "2024", place="代县"),
    ])  # fmt: skip
    t = targets.track(df).set_index("place")
    assert t.loc["忻州市", "status"] == "pending"


def test_verdicts_do_not_depend_on_the_order_of_the_ledger():
    import random

    rows = [
        _row("t1", "target", 5, "2024", q="ge"), _row("a1", "actual", 5.3, "2024"),
        _row("t2", "target", 2000, "2024", ind="power_capacity", q="gt", unit="万千瓦", base="kW"),
        _row("a2", "actual", 1990, "2025-06-30", ind="power_capacity", unit="万千瓦", base="kW"),
        _row("a3", "actual", 2100, "2024-12-31", ind="power_capacity", unit="万千瓦", base="kW"),
        _row("t3", "target", 3, "2024", ind="cpi_growth", q="approx"),
        _row("a4", "actual", 0.4, "2024", ind="cpi_growth", source="s1"),
        _row("a5", "actual", 0.5, "2024", ind="cpi_growth", source="s2"),
    ]  # fmt: skip
    expected = targets.track(pd.DataFrame(rows))
    # cpi (two results disagree), gdp, power (the first stock after the target date)
    assert list(expected.status) == ["conflict", "met", "met"]
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        got = targets.track(pd.DataFrame(shuffled))
        pd.testing.assert_frame_equal(got, expected)


def test_the_scorecard_counts_each_year():
    df = pd.DataFrame([
        _row("t1", "target", 5, "2024", q="ge"), _row("a1", "actual", 5.3, "2024"),
        _row("t2", "target", 8, "2024", ind="fixed_investment_growth", q="ge"),
        _row("a2", "actual", 2.0, "2024", ind="fixed_investment_growth"),
        _row("t3", "target", 5, "2025", q="ge"),
    ])  # fmt: skip
    card = targets.scorecard(targets.track(df))
    assert card["2024"]["met"] == 1 and card["2024"]["missed"] == 1 and card["2025"]["pending"] == 1
    assert targets.headline(card) == "2024: 1 met, 1 missed; 2025: 1 pending"
