"""The digest's structure tree, made of copies of each source's tree.

The briefings are tagged PDF/UA files, and copying their pages does not copy their structure.
`Structure.add` copies a source's top elements (qpdf's foreign-object copier maps their page
and annotation references onto the pages already copied) under the digest's Document element
as Parts, and shifts the pages' marked-content keys (StructParents) into the digest's one
ParentTree; `finish` writes the StructTreeRoot.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Structure:
    """The StructTreeRoot of one digest being written (`pdf`, pikepdf), filled source by source."""

    def __init__(self, pdf: Any) -> None:
        import pikepdf

        self.pdf = pdf
        self.root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=self.root)
        )
        self.parts: list[Any] = []
        self.nums: list[Any] = []
        self.next_key = 0
        self.roles: dict[str, Any] = {}

    def add(self, source: Any, copied: list[Any]) -> None:
        """Copy `source`'s structure tree; `copied`: its pages as copied into the digest, in order.
        An untagged source keeps its pages, without structure."""
        import pikepdf

        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return
        kids = tree.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if "/P" in kid:
                del kid.P  # the source's root stays behind: the copy's parent is our Document
            element = self.pdf.copy_foreign(kid)
            element.P = self.document
            if element.get("/S") == pikepdf.Name.Document:
                element.S = pikepdf.Name.Part
            self.parts.append(element)
        offset, top = self.next_key, -1
        for key, value in number_tree(tree.get("/ParentTree")):
            self.nums += [key + offset, _copy(self.pdf, value)]
            top = max(top, key)
        for original, page in zip(source.pages, copied, strict=True):
            if "/StructParents" in original.obj:
                page.obj.StructParents = int(original.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        self.next_key = offset + top + 1
        for name, role in (tree.get("/RoleMap") or {}).items():
            self.roles.setdefault(str(name), role)

    def finish(self) -> Any:
        """The StructTreeRoot, complete: the Document with every Part, the one ParentTree."""
        import pikepdf

        self.document.K = pikepdf.Array(self.parts)
        pairs = sorted(zip(self.nums[::2], self.nums[1::2], strict=True), key=lambda pair: pair[0])
        self.root.K = self.document
        self.root.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array([x for pair in pairs for x in pair]))
        self.root.ParentTreeNextKey = self.next_key
        if self.roles:
            self.root.RoleMap = pikepdf.Dictionary({name: role for name, role in self.roles.items()})
        return self.root


def number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, leaves and kids."""
    if node is None:
        return
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids") or []:
        yield from number_tree(kid)


def _copy(pdf: Any, value: Any) -> Any:
    """`value` from another file, in `pdf`: indirect objects through qpdf's copier (which keeps
    one copy per object), direct arrays and dictionaries item by item."""
    import pikepdf

    if isinstance(value, (pikepdf.Array, pikepdf.Dictionary)) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(pdf, item) for key, item in value.items()})
    return value
