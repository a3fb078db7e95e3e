"""Administration: people's roles and teams, organisations and their domains, settings, the audit log."""
