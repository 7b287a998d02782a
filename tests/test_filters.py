from datetime import date

import pytest

from qa.corpus import Article, parse_date
from qa.errors import BadRequest
from qa.filters import validate_filters


def test_dates_are_read_from_iso_dates_and_times():
    assert parse_date("2013-02-22") == date(2013, 2, 22)
    assert parse_date("2013-02-22T10:00:00Z") == date(2013, 2, 22)
    assert parse_date("last Friday") is None and parse_date(None) is None


def test_filters_admit_by_outlet_and_inclusive_dates():
    bbc_2013 = Article("a", "A", "x", outlet="BBC", published="2013-02-22")
    wire_2015 = Article("b", "B", "x", outlet="Wire", published="2015-08-17")
    undated = Article("c", "C", "x", outlet="BBC")
    by_outlet = validate_filters({"outlet": "bbc"})
    assert [by_outlet.admits(a) for a in (bbc_2013, wire_2015, undated)] == [True, False, True]
    by_date = validate_filters({"published_after": "2013-02-22", "published_before": "2014-12-31"})
    assert [by_date.admits(a) for a in (bbc_2013, wire_2015, undated)] == [True, False, False]
    assert validate_filters({"outlet": ["Wire", "BBC"]}).admits(wire_2015)


@pytest.mark.parametrize("filters", [
    "BBC", {"source": "BBC"}, {"outlet": []}, {"outlet": 3}, {"outlet": [""]},
    {"published_after": "yesterday"}, {"published_before": 2015},
])
def test_bad_filters_are_refused(filters):
    with pytest.raises(BadRequest, match="filter"):
        validate_filters(filters)
