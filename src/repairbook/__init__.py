"""repairbook: a private, local workbook for two partners rebuilding trust."""

__version__ = "0.1.0"
