"""Missive's assistant: retrieve passages, answer with verified citations, and the interfaces
(CLI, HTTP) that share one `Assistant`. It reads the index; it never writes letters."""
