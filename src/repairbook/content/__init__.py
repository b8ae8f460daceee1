"""The program as data: every word a user reads lives in this package."""
