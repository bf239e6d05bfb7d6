from bot.digests.sequence import choose_next

ORDER = ["a", "b", "c"]


def test_first_pass_goes_in_pack_order() -> None:
    assert choose_next(ORDER, set(), set()) == ("a", False)
    assert choose_next(ORDER, {"a"}, {"a"}) == ("b", False)


def test_a_full_pass_starts_again() -> None:
    assert choose_next(ORDER, {"a", "b", "c"}, {"a", "b", "c"}) == ("a", True)


def test_new_explainers_come_next_even_mid_pass() -> None:
    assert choose_next([*ORDER, "d"], {"a", "b", "c"}, {"a"}) == ("d", False)


def test_removed_explainers_are_ignored() -> None:
    assert choose_next(["b", "c"], {"a", "b"}, {"a", "b"}) == ("c", False)
