"""What every feature shares: the model base, the clock, errors, security, text."""
