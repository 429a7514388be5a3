"""Pages for people, served by the same FastAPI app: search and ask at `/`, read a letter
with the cited words highlighted at `/letters/{id}`, browse letters, threads and the ledger.
Server-rendered Jinja2 with autoescaping (letter text is always text), no build step, no
files from outside the machine."""
