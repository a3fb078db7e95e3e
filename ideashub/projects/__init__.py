"""Projects made from ideas, the people working on them, and the transform wall."""
