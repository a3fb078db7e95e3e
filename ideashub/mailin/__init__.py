"""Mail in: post an idea, or answer one, by email (see ``services`` for what a message becomes)."""
