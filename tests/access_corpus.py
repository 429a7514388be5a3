"""The corpus and access file of the access tests: public letters, two casework letters (a
complaint and its reply) and a press letter, each holding words no other letter holds."""

import hashlib
import itertools
import shutil
from pathlib import Path

from conftest import CORPUS, EXTRA, SEED

PUBLIC, CASEWORKER, CLERK, OPERATOR = ("public-key-1", "casework-key-2", "clerk-key-3",
                                       "operator-key-4")
# Words only the casework letters hold: none may reach a caller limited to 'default'.
SECRETS = ["quillfeather", "marrowbone", "thistlewood", "brackenbury", "casework"]
COMPLAINT = """---
title: Damp at Marrowbone Court
date: 2024-03-05
from: Zephyrine Quillfeather
to: Ottoline Brackenbury (Housing Caseworker)
---
Dear Ms Brackenbury,

I am writing about the damp in my flat at Marrowbone Court, which has made my children ill
since January. Will you send an inspector before the end of March?

Yours sincerely,

Zephyrine Quillfeather
"""
REPLY = """---
title: Reply on damp at Marrowbone Court
date: 2024-03-12
from: Ottoline Brackenbury (Housing Caseworker)
to: Zephyrine Quillfeather
---
Dear Ms Quillfeather,

Thank you for your letter of 5 March 2024 about the damp in your flat at Marrowbone Court.
I will ask the housing officer, Mr Thistlewood, to inspect the property by 19 March 2024.

Yours sincerely,

Ottoline Brackenbury
"""


PRESS = """---
title: Statement to the Gazette
date: 2024-02-01
from: Perpetua Pemberton (Press Officer)
to: The Editor, Wolverton Gazette
---
Dear Editor,

The council will publish its housing repairs figures on 1 May 2024, and I will send the
Gazette a copy that morning.

Yours faithfully,

Perpetua Pemberton
"""
COLLECTIONS = ("default", "casework", "press")
# A key for every non-empty set of collections, for the property test.
GRANTS = [frozenset(c) for n in (1, 2, 3) for c in itertools.combinations(COLLECTIONS, n)]


def grant_key(grant: frozenset) -> str:
    return "grant-" + "-".join(sorted(grant))


GRANT_KEYS = "".join(f'[[keys]]\nname = "{grant_key(g)}"\nkey = "{grant_key(g)}"\n'
                     f'collections = {sorted(g)!r}\n\n' for g in GRANTS)


def access_toml(public=("default",), extra: str = "") -> str:
    digest = hashlib.sha256(PUBLIC.encode()).hexdigest()
    return f"""
[[keys]]
name = "public"
key_sha256 = "{digest}"
collections = {list(public)!r}

[[keys]]
name = "caseworker"
key = "{CASEWORKER}"
collections = ["default", "casework"]
write = true

[[keys]]
name = "clerk"
key = "{CLERK}"
collections = ["default"]
write = true

{GRANT_KEYS}
[slack]
default_collections = ["default"]

[slack.channels]
C777 = ["default", "casework"]
{extra}""".replace("'", '"')


def make_corpus(folder: Path) -> Path:
    """The corpus: two public letter files at the top, casework/ and press/ folders."""
    (folder / "casework").mkdir(parents=True)
    (folder / "press").mkdir()
    for name in (SEED, EXTRA):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "casework" / "2024-03-05_complaint.md").write_text(COMPLAINT)
    (folder / "casework" / "2024-03-12_reply.md").write_text(REPLY)
    (folder / "press" / "2024-02-01_gazette.md").write_text(PRESS)
    return folder


def access_app(folder: Path, embedder, backend, make_store, **settings):
    """The app over this corpus, indexed on the backend under test, with the access file and
    these settings: (app, store, corpus folder, access file)."""
    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant
    from indexer.pipeline import IndexPipeline

    corpus = make_corpus(folder / "corpus")
    store = make_store(folder / "index", embedder)
    IndexPipeline(store, embedder).run(corpus)
    access = folder / "access.toml"
    access.write_text(access_toml())
    config = backend.settings(folder / "index", corpus_dir=corpus, access_file=access, **settings)
    return create_app(Assistant(store, embedder), config), store, corpus, access
