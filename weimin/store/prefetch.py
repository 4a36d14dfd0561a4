"""Loading the records a page's documents refer to in one query per collection, not per row."""

from collections import defaultdict

from mongoengine import ReferenceField


def _key(ref):
    return getattr(ref, "id", ref)  # a DBRef or the bare id


def prefetch(documents, names):
    """Fill these reference fields of the documents with the records they point at.

    A list page reads a reference of every row (the item, the community); left lazy, each one
    costs a query. Here each referenced collection is read once, with an `in` query. A record
    that no longer exists is left as it is (reading it gives the usual `Deleted`).
    """
    if not documents:
        return documents
    fields = documents[0]._fields
    wanted = defaultdict(set)  # referenced Document class -> ids
    refs = [n for n in names if isinstance(fields.get(n), ReferenceField)]
    for name in refs:
        model = fields[name].document_type
        for doc in documents:
            ref = doc._data.get(name)
            if ref is not None and not hasattr(ref, "_fields"):  # not loaded yet
                wanted[model].add(_key(ref))
    found = {
        model: {target.pk: target for target in model.objects(pk__in=list(ids))}
        for model, ids in wanted.items()
    }
    for name in refs:
        targets = found.get(fields[name].document_type, {})
        for doc in documents:
            ref = doc._data.get(name)
            if ref is not None and _key(ref) in targets:
                doc._data[name] = targets[_key(ref)]
    return documents
