"""Lines -> skeleton: envelope (版头/主体/版记), enclosed documents, outline, annex boundaries."""

from .envelope import AnnexBounds, Skeleton, doc_type_of
from .lines import Line, blocks_to_lines
from .outline import OutlineItem, build_outline, item_at
from .segment import segment

__all__ = ["AnnexBounds", "Line", "OutlineItem", "Skeleton", "blocks_to_lines", "build_outline", "doc_type_of", "item_at", "segment"]
