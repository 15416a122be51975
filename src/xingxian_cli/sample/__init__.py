"""Synthetic sample county: submissions, township workbooks and the sample_data folder."""

from xingxian_cli.sample.generator import (
    Book,
    BookStyle,
    book_from_submission,
    generate_county,
    generate_sample_data,
    write_book,
)

__all__ = [
    "Book",
    "BookStyle",
    "book_from_submission",
    "generate_county",
    "generate_sample_data",
    "write_book",
]
