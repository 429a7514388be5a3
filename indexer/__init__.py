"""Missive's indexer: corpus files -> letters -> passages with offsets -> vectors -> store.

The indexer knows nothing of questions; `assistant` reads what it writes.
"""
