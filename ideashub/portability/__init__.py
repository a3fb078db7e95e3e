"""Moving out: export everything, import it into an empty hub, and the decision trail of an idea."""
