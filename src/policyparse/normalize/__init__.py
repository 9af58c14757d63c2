"""Pure text transforms. Folding is length-preserving, so spans need no offset map."""

from .chars import fold, is_cjk, squeeze, tidy
from .docnumber import bare_doc_number, find_doc_numbers, parse_doc_number
from .numerals import cn_to_int, parse_date

__all__ = ["bare_doc_number", "cn_to_int", "find_doc_numbers", "fold", "is_cjk", "parse_date", "parse_doc_number", "squeeze", "tidy"]
