"""Every demo document is valid by its model, and already in the shape its model's clean() gives.

At start the demands and service records are validated by sample (seeds.demo.SAMPLED); this is
where every one of them, and every document of the other collections, is validated in full.
"""

import pytest

import seeds.demo
from seeds import seed_all

# Set by Demand.clean() at every validation: the time of the last write, not a fact of the demo.
REWRITTEN = {"updated_at"}


@pytest.fixture
def written(app, monkeypatch):
    """The small demo seeded, and every document it wrote, by collection."""
    found = {}
    real = seeds.demo._write

    def capture(docs, seed):
        for name, batch in docs.items():
            found.setdefault(name, []).extend(batch)
        return real(docs, seed)

    monkeypatch.setattr(seeds.demo, "_write", capture)
    seed_all(demo=True, size="small")
    return found


def shape(doc):
    return {k: v for k, v in doc.to_mongo().to_dict().items() if k not in REWRITTEN}


def test_every_demo_document_passes_its_models_validation_unchanged(written):
    names = {name for name, _model in seeds.demo.COLLECTIONS}
    assert set(written) == names
    assert all(written[name] for name in seeds.demo.SAMPLED)
    for name, docs in written.items():
        for doc in docs:
            before = shape(doc)
            doc.validate()  # the stored demo is complete now: day totals read every record
            assert shape(doc) == before, (name, doc.pk)


def test_the_sample_checked_at_start_covers_the_first_and_every_nth(written):
    demands = written["demands"]
    sample = seeds.demo.checked("demands", demands)
    assert sample[0] is demands[0] and len(sample) == -(-len(demands) // seeds.demo.SAMPLE)
    assert seeds.demo.checked("streets", written["streets"]) == written["streets"]
