"""Five-day sprint challenges: one question, five working days, a decision at the end."""
