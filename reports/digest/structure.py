"""The digest's structure tree, made of each source's tree.

The briefings are tagged PDF/UA files, and copying their pages does not copy their structure.
`Structure.add` hangs a source's top elements under the digest's Document element (as Parts,
through a placeholder for the Document), copies them with the pages they mark, and shifts the
pages' marked-content keys (StructParents) into the digest's one ParentTree. Only numbers and
short texts are kept per source; `objects` writes the StructTreeRoot and the Document at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reports.digest.pdfout import Copier, Out, dictionary, ref


class Structure:
    """The structure tree of one digest being written to `out`."""

    def __init__(self, out: Out) -> None:
        self.out = out
        self.root, self.document = out.number(), out.number()
        self.parts: list[int] = []
        self.nums: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.roles: dict[str, bytes] = {}

    def add(self, source: Any, copier: Copier, document: Any) -> None:
        """Take `source`'s tree (pikepdf, changed in memory only): `document` is the source's
        placeholder for our Document element; its pages must not be copied yet."""
        import pikepdf

        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return  # an untagged source: its pages are kept, without structure
        kids = tree.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            kid.P = document  # the source's root stays behind
            if kid.get("/S") == pikepdf.Name.Document:
                kid.S = pikepdf.Name.Part
            self.parts.append(copier.ref(kid if kid.is_indirect else source.make_indirect(kid)))
        offset, top = self.next_key, -1
        for key, value in number_tree(tree.get("/ParentTree")):
            self.nums.append((key + offset, ref(copier.ref(value)) if value.is_indirect else copier.text(value)))
            top = max(top, key)
        for page in source.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        self.next_key = offset + top + 1
        for name, role in (tree.get("/RoleMap") or {}).items():
            self.roles.setdefault(str(name)[1:], role.unparse())

    def write(self) -> None:
        """The StructTreeRoot and the Document with every Part, the one ParentTree."""
        self.out.write(self.document, dictionary({
            "Type": b"/StructElem", "S": b"/Document", "P": ref(self.root), "K": [ref(n) for n in self.parts],
        }))
        nums = b" ".join(b"%d %s" % (key, value) for key, value in sorted(self.nums, key=lambda pair: pair[0]))
        root = {
            "Type": b"/StructTreeRoot", "K": ref(self.document), "ParentTree": b"<< /Nums [" + nums + b"] >>",
            "ParentTreeNextKey": self.next_key,
        }
        if self.roles:
            root["RoleMap"] = dictionary({name: role for name, role in self.roles.items()})
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
