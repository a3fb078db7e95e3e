"""The executive view: top ideas, the pipeline, the hearing and the cross-boundary picture."""
