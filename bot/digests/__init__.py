"""Weekly explainer digests: schedule maths, the run_due reconciler and fan-out."""
