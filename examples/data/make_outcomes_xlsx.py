"""Write outcomes-2023.xlsx, the spreadsheet the notebook-style example reads.

The outcomes are invented for the example. The workbook is laid out as analysts keep one:
number cells (a share formatted as a percentage, so 0.071 shows "7,1 %"), a number typed as
text with a no-break space ("71 980"), and a yes/no answer as a word.

    python examples/data/make_outcomes_xlsx.py
"""

from pathlib import Path

import openpyxl

ROWS = [
    ("tillganglighet-primarvard", "total", "2023", 86, None, None),
    ("delaktighet-primarvard", "total", "2023", 82, None, None),
    ("tillganglighet-sluten-sjukhusvard", "total", "2023", 88, None, None),
    ("delaktighet-sluten-sjukhusvard", "total", "2023", 88, None, None),
    ("tillganglighet-oppen-sjukhusvard", "total", "2023", 91, None, None),
    ("delaktighet-oppen-sjukhusvard", "total", "2023", 90, None, None),
    ("kostnad-per-drg-poang", "total", "2023", "71\u00a0980", None, None),
    ("kostnad-per-drg-poang", "riket", "2023", 69544, None, None),
    ("vardforlopp-implementering", None, "2023", "ja", None, None),
    ("handlingsplan-patientsakerhet", None, "2023", "ja", None, "Beslutad i mars 2023"),
    ("hme-totalindex", "total", "2023", None, "measured_later", "Mäts i medarbetarenkäten 2024"),
    ("inhyrd-personal-kostnadsandel", "total", "2023", 0.071, None, None),
    ("hse", "total", "2023", 83, None, None),
    ("hme-delindex-styrning", "total", "2023", 85, None, None),
    ("hme-delindex-ledarskap", "total", "2023", 84, None, None),
    ("hallbarhetsplan", None, "2023", "ja", None, None),
]


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Utfall 2023"
    sheet.append(["indicator", "series", "period", "value", "missing", "comment"])
    for row in ROWS:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        cells[2].number_format = "@"  # the period is text: "2023", not the number 2023
        if cells[0].value == "inhyrd-personal-kostnadsandel":
            cells[3].number_format = "0.0%"
    workbook.save(Path(__file__).with_name("outcomes-2023.xlsx"))


if __name__ == "__main__":
    main()
