"""The digest's structure tree, made of each source's tree.

The briefings are tagged PDF/UA files, and copying their pages does not copy their structure.
`Structure.add` hangs a source's top elements under the digest's Document element (as Parts,
through a placeholder for the Document), copies them with the pages they mark, and shifts the
pages' marked-content keys (StructParents) into the digest's one ParentTree, whose leaf for
that source (its entries, /Limits its key range) is written at once. Only numbers and short
texts are kept per source (in the digest's record, so a later build appends); `write` writes the
StructTreeRoot, the Document and the ParentTree's root (its leaves in key order) for the day's
order: an update rewrites one reference per source, not every page's entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reports.digest.pdfout import Copier, Out, dictionary, ref


class Structure:
    """The structure tree of one digest being written to `out`: the numbers of its root and
    Document element, and the next free marked-content key (kept from build to build)."""

    def __init__(self, out: Out, root: int = 0, document: int = 0, next_key: int = 0) -> None:
        self.out = out
        self.root, self.document = root or out.number(), document or out.number()
        self.next_key = next_key

    def add(self, source: Any, copier: Copier, document: Any) -> dict[str, Any]:
        """Take `source`'s tree (pikepdf, changed in memory only; its pages not copied yet):
        `document` is the source's placeholder for our Document element. Returns what the
        digest keeps of it: its Parts' numbers, its ParentTree leaf (number, lowest and highest
        key), its roles."""
        import pikepdf

        record: dict[str, Any] = {"parts": [], "leaf": None, "roles": {}}
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return record  # an untagged source: its pages are kept, without structure
        kids = tree.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            kid.P = document  # the source's root stays behind
            if kid.get("/S") == pikepdf.Name.Document:
                kid.S = pikepdf.Name.Part
            record["parts"].append(copier.ref(kid if kid.is_indirect else source.make_indirect(kid)))
        offset, entries = self.next_key, []
        for key, value in number_tree(tree.get("/ParentTree")):
            entries.append((key + offset, ref(copier.ref(value)) if value.is_indirect else copier.text(value)))
        if entries:
            entries.sort(key=lambda entry: entry[0])
            leaf = self.out.number()
            self.out.write(leaf, [
                b"<< /Limits [%d %d] /Nums [ " % (entries[0][0], entries[-1][0]),
                *(b"%d %s " % entry for entry in entries), b"] >>",
            ])
            record["leaf"] = [leaf, entries[0][0], entries[-1][0]]
        for page in source.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        self.next_key = max([self.next_key, *(key + 1 for key, _ in entries)])
        for name, role in (tree.get("/RoleMap") or {}).items():
            record["roles"][str(name)[1:]] = role.unparse().decode("latin-1")
        return record

    def write(self, order: list[dict[str, Any]]) -> None:
        """The StructTreeRoot and the Document with the Parts of `order`'s sources, in order,
        and the one ParentTree of all their entries."""
        self.out.write(self.document, dictionary({
            "Type": b"/StructElem", "S": b"/Document", "P": ref(self.root),
            "K": [ref(n) for record in order for n in record["parts"]],
        }))
        root: dict[str, object] = {"Type": b"/StructTreeRoot", "K": ref(self.document), "ParentTreeNextKey": self.next_key}
        roles = {name: role.encode("latin-1") for record in order for name, role in record["roles"].items()}
        if roles:
            root["RoleMap"] = dictionary(roles)
        # The ParentTree's root: each source's leaf, in key order (a number tree's kids may not overlap).
        leaves = sorted(record["leaf"] for record in order if record.get("leaf"))
        kids = b" ".join(ref(leaf) for leaf, _, _ in leaves)
        root["ParentTree"] = b"<< /Kids [" + kids + b"] >>" if leaves else b"<< /Nums [] >>"
        self.out.write(self.root, dictionary(root))


def number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, leaves and kids."""
    if node is None:
        return
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids") or []:
        yield from number_tree(kid)
