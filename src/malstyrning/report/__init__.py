"""Reports: flat assessment records, terminal tables and the committee's follow-up report.

>>> from malstyrning import examples, evaluate
>>> evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
>>> records = evaluation_records(evaluation, locale="sv")
>>> records[0]["id"]
'samhalle'
"""

from malstyrning.report._records import (
    assessment_record,
    default_period,
    evaluation_records,
    text_table,
)

__all__ = ["assessment_record", "default_period", "evaluation_records", "text_table"]
