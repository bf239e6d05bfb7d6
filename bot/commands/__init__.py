"""What each command means, one module per command: typed text in, a finished ``Reply`` out.

Nothing here imports ``slack_bolt``; listeners hand the payload's text here and send what comes back.
"""
