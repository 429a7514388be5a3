"""Retrieval components: each a small class with a typed `run()`.

A retriever turns a `RetrievalQuery` into ranked `Candidate`s; fusion combines rankings.
Another retriever or a reranker slots in beside them without touching the rest.
"""
