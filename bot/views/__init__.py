"""Block Kit views built with ``slack_sdk.models.blocks``, plus a plain-text rendering."""
