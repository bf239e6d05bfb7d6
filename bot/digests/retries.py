"""Which failed digest calls the Slack SDK may retry by itself.

A 429 is always safe to retry: Slack refused the call, nothing was posted. A 5xx or a timeout
to ``chat.postMessage`` is not: the post may have landed, and only the ledger's check of the
channel history can tell. Reads have no such risk, so their 5xx are retried.
"""

from __future__ import annotations

from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

POST_METHOD = "chat.postMessage"


class ReadServerErrorRetryHandler(ServerErrorRetryHandler):
    """The SDK's 5xx retries, for every method but the one that posts."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if request.url.rstrip("/").endswith(POST_METHOD):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)
