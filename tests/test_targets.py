import pandas as pd

from reportbook import targets


def _fig(fid, kind, value, period, qualifier="eq", unit="%", ind="clean_capacity_share"):
    return dict(
        figure_id=fid, indicator_id=ind, kind=kind, value=value, value_high=None, unit=unit,
        qualifier=qualifier, period=period, value_base=value, base_unit="percent", quote="",
    )  # fmt: skip


def test_pending_until_a_result_for_the_same_period():
    df = pd.DataFrame(
        [_fig("a", "actual", 56.5, "2023-07-31"), _fig("t", "target", 60, "2024", "ge")]
    )
    t = targets.track(df)
    assert list(t["status"]) == ["pending"]
    assert t["gap"].iloc[0] == -3.5


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


def test_no_result_no_row():
    df = pd.DataFrame([_fig("t", "target", 60, "2024", "ge")])
    assert targets.track(df).empty
