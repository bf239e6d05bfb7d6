"""Which explainer a channel gets next: pure, so the runner and ``/digest preview`` agree."""

from __future__ import annotations

from collections.abc import Sequence


def choose_next(order: Sequence[str], ever_posted: set[str], posted_this_cycle: set[str]) -> tuple[str, bool]:
    """The next explainer id, and whether it starts a new cycle.

    An explainer the channel has never had (one added in a newer pack) comes first; then the
    rest of the current pass in pack order; when the pass is complete, the list starts again.
    """
    for candidates in ([e for e in order if e not in ever_posted], [e for e in order if e not in posted_this_cycle]):
        if candidates:
            return candidates[0], False
    return order[0], True
