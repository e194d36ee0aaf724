"""The specifics parser: numbers, number words, scales, money, percentages, dates and days."""

import pytest

from summarizer.specifics import specifics


def one(text: str):
    found = specifics(text)
    assert len(found) == 1, found
    return found[0]


def agree(a: str, b: str) -> bool:
    return one(a).agrees(one(b))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000 residents were evacuated", 3000),
        ("a turnout of 61.5 in the poll", 61.5),
        ("a 3½-year invasion", 3.5),
        ("twelve people died", 12),
        ("twenty-six countries pledged", 26),
        ("two hundred and five ships", 205),
        ("a dozen people", 12),
        ("nearly two-dozen executive actions", 24),
        ("9.2 million voters", 9.2e6),
        ("a million voters", 1e6),
    ],
)
def test_counts_are_read_as_values(text, value):
    specific = one(text)
    assert specific.kind == "count"
    assert specific.low <= value <= specific.high


def test_the_noun_counted_is_kept():
    assert one("At least 12 people were killed").unit == "people"
    assert one("hundreds of nations pledged").unit == "nations"


def test_money_keeps_its_currency_and_scale():
    bill = one("a $1.2 trillion bill")
    assert (bill.kind, bill.unit) == ("money", "USD")
    assert bill.low <= 1.2e12 <= bill.high
    pounds = one("it cost 3bn pounds")
    assert (pounds.kind, pounds.unit, pounds.low) == ("money", "GBP", 3e9)
    assert one("€20m in aid").unit == "EUR"


def test_percentages_in_signs_and_words():
    assert one("up 5% on the year").kind == "percent"
    assert agree("up 5% on the year", "up five per cent on the year")
    assert not agree("up 5% on the year", "up 6 percent on the year")


def test_approximation_words_are_agreement_not_conflict():
    assert agree("About 3,000 residents", "Some 3,000 people")
    assert agree("about 3,000 residents", "3,100 residents")
    assert agree("nearly 3,000 residents", "2,950 residents")
    assert not agree("About 3,000 residents", "Around 30,000 residents")
    assert not agree("At least 12 people", "At least 21 people")
    assert not agree("more than 1,000 flights", "at least 1,800 flights")
    assert one("about 3,000 residents").text == "3,000"


def test_rounding_is_agreement():
    assert agree("9.2 million voters", "9.21 million voters")
    assert agree("9.2 million voters", "9,200,000 voters")
    assert not agree("9.2 million voters", "9.3 million voters")
    assert not agree("a $1.2 trillion bill", "a $1 trillion bill")
    assert agree("$43,000 watch", "$43,350 watch")
    assert not agree("3,000 residents", "3,600 residents")
    assert not agree("12 residents", "13 residents")  # exact counts
    assert agree("more than $1 million", "$1.1 million")
    assert agree("fined $48 each", "fined $48.6 each")  # decimals dropped
    assert agree("about six miles south", "about 6.5 miles south")
    assert not agree("fined $48 each", "fined $49.6 each")


def test_vague_quantities_are_ranges():
    assert not agree("hundreds of nations", "26 countries")
    assert agree("hundreds of nations", "300 countries")
    assert agree("nearly two-dozen executive actions", "23 executive actions")
    assert agree("tens of thousands of people", "40,000 people")
    assert not agree("dozens of people", "5,000 people")


def test_dates_and_days():
    assert one("on Thursday the group met").kind == "day"
    assert not agree("on Thursday the group met", "on Friday the group met")
    assert agree("Sept. 5 talks", "September 5 talks")
    assert [x.text for x in specifics("Fifteen of the 19 Sept. 11 hijackers")] == [
        "Fifteen",
        "19",
        "Sept. 11",
    ]
    assert not agree("Sept. 5 talks", "Sept. 6 talks")
    assert agree("on 5 September 2025", "on Sept. 5")
    assert one("talks in 2014 failed").kind == "date"
    assert not agree("talks in 2014 failed", "talks in 2015 failed")
    assert agree("on 2022-03-05 the", "on March 5, 2022 the")


def test_different_kinds_never_conflict():
    assert agree("12 people", "12%")
    assert agree("$5 million", "€7 million")  # two currencies: not comparable


@pytest.mark.parametrize(
    "text",
    [
        "the crash of Flight 17 over Ukraine",
        "a new Boeing 747 was ordered",
        "one of them said",
        "at 10:30 the talks",
        "they won 3-1 at home",
        "he may go",
        "a 5k race",
        "a 1 in 3 chance",
        "a two-in-three chance",
        "the shark struck about 4pm",
    ],
)
def test_names_times_scores_and_words_are_not_counts(text):
    assert [s for s in specifics(text) if s.kind == "count"] == []


@pytest.mark.parametrize(
    "text", ["the 82-year-old general", "Varga, 82, left", "aged 82", "82 years old"]
)
def test_ages_are_counts_of_age(text):
    age = one(text)
    assert (age.kind, age.unit, age.low) == ("count", "age", 82)


def test_ranges_are_one_specific():
    (winds,) = specifics("Winds at 5 to 10 mph")
    assert (winds.low, winds.high, winds.text) == (5, 10, "5 to 10")
    assert agree("between 12 and 16 years", "14 years")
    assert agree("about 200 to 300 feet above", "about 200 feet above")
    assert not agree("waited 20-25 minutes", "waited 30 minutes")
    assert len(specifics("12 and 16 people")) == 2  # "and" alone joins two counts
    assert agree("to deport 2 to 3 million people", "to deport 2 million to 3 million people")
    assert not agree("to deport 2 to 3 million people", "to deport 4 million people")


def test_emergency_numbers_and_addresses_are_not_counts():
    assert specifics("she called 911 for help") == ()
    assert specifics("he lived at 2208 Cedley Street") == ()


def test_bounds_are_met_by_values_on_their_side():
    assert agree("walked more than 40 kilometres", "walked 48 kilometres")
    assert not agree("walked more than 40 kilometres", "walked 30 kilometres")
    assert agree("up to 3 feet of snow", "more than 2 feet of snow")
    assert agree("less than seven weeks after", "six weeks after")
    assert agree("nearly 75 people", "70 people")
    assert not agree("nearly 75 people", "80 people")
    assert not agree("at least 12 people", "at least 21 people")  # two bounds the same way


def test_ages_and_times_back_are_their_own_quantities():
    assert agree("Laura Cunliffe, 23, of Hoyland", "four kittens")  # not comparable
    assert one("four years ago he won").unit == "years ago"
    assert not agree("four years ago he won", "five years ago he won")


def test_a_year_after_in_is_not_odds():
    assert [s.text for s in specifics("a rate of 12.5 percent in 2009 and 14 percent")] == [
        "12.5 percent",
        "2009",
        "14 percent",
    ]


def test_as_many_as_is_an_upper_bound():
    assert one("down as many as 250 points").bound == "upper"
    assert agree("fell as many as 250 points", "fell 180 points")


def test_an_approximate_scaled_round_number_is_widened():
    assert agree("about 70 million years ago", "72 million years ago")
    assert not agree("$1 trillion bill", "$1.2 trillion bill")


def test_numbers_glued_to_letters_and_ratios_are_not_counts():
    assert [s.text for s in specifics("sales of the 3D headset fell to 4.5 million units")] == [
        "4.5 million"
    ]
    assert specifics("the 1980s were different") == ()
    assert specifics("flies turn five times faster than they blink") == ()
    assert one("he was hit five times").unit == "times"
    assert one("a 40km walk").unit == "km"


def test_the_date_of_a_photo_is_not_a_specific():
    assert specifics("In this March 3, 2015 file photo, the mayor waves") == ()
    assert one("On March 3, 2015 the mayor spoke").kind == "date"


def test_a_bare_number_joined_to_a_percentage_is_one_range():
    (risk,) = specifics("the risk was between 12 and 15 percent higher")
    assert (risk.kind, risk.low, risk.high) == ("percent", 12, 15)


def test_a_score_is_its_own_kind():
    (score,) = specifics("Rovers beat Ostwick 2-1 in the final")
    assert (score.kind, score.text) == ("score", "2-1")
    assert not agree("they won 2-1 at home", "they won 2-0 at home")
    assert agree("they won 2-1 at home", "a 2-1 win at home")


def test_a_bare_one_digit_round_figure_is_not_widened_to_its_neighbours():
    assert not agree("destroyed 300 homes", "destroyed 250 homes")
    assert not agree("destroyed 100 homes", "destroyed 149 homes")
    assert not agree("burned 40,000 acres", "burned 35,000 acres")
    assert agree("destroyed 300 homes", "destroyed 310 homes")
    assert agree("destroyed about 300 homes", "destroyed 250 homes")
    assert agree("a crowd of 43,000", "a crowd of 43,350")
