"""The hearing: every idea is heard before it can be shot down."""
