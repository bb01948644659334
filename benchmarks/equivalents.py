"""The plan document as msgspec structs and pydantic v2 models, for side-by-side benchmarks.

Both mirror the parts of the format the generated plans use (goal tree, indicators with
series and measurements, threshold and trajectory targets), with exact decimals and tagged
unions, and check types as they decode. Neither checks what needs the whole plan (unique
ids, units, directions against rules), which malstyrning does on every load.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated, Literal, Union

import msgspec
import pydantic


class Direction(enum.Enum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


# -- msgspec ---------------------------------------------------------------------------------


class MLevel(msgspec.Struct, forbid_unknown_fields=True):
    key: str
    label: str


class MMeasurement(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    period: str
    value: Decimal | None = None
    comment: str = ""


class MSeries(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    key: str
    measurements: list[MMeasurement] = []


class MThreshold(
    msgspec.Struct,
    tag_field="type",
    tag="threshold",
    forbid_unknown_fields=True,
    omit_defaults=True,
):
    comparison: Literal[">=", "<=", ">", "<"]
    value: Decimal
    unit: str | None = None


class MTargetLevel(msgspec.Struct, forbid_unknown_fields=True):
    period: str
    value: Decimal


class MTrajectory(
    msgspec.Struct,
    tag_field="type",
    tag="trajectory",
    forbid_unknown_fields=True,
    omit_defaults=True,
):
    levels: list[MTargetLevel]
    unit: str | None = None


class MIndicator(
    msgspec.Struct,
    tag_field="kind",
    tag="indicator",
    forbid_unknown_fields=True,
    omit_defaults=True,
):
    id: str
    title: str
    unit: str | None = None
    direction: Direction = Direction.HIGHER_IS_BETTER
    target: MThreshold | MTrajectory | None = None
    series: list[MSeries] = []
    source: str | None = None


class MGoal(
    msgspec.Struct, tag_field="kind", tag="goal", forbid_unknown_fields=True, omit_defaults=True
):
    id: str
    title: str
    level: str
    owner: str | None = None
    children: list[Union[MGoal, MIndicator]] = []  # noqa: UP007 - msgspec needs the name


class MTopGoal(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    id: str
    title: str
    level: str
    owner: str | None = None
    children: list[Union[MGoal, MIndicator]] = []  # noqa: UP007


class MPlan(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    format_version: int
    id: str
    title: str
    organisation: str
    validity: str
    levels: list[MLevel]
    goals: list[MTopGoal]


_DECODER = msgspec.json.Decoder(MPlan)
_ENCODER = msgspec.json.Encoder(decimal_format="number")


def msgspec_roundtrip(data: bytes) -> bytes:
    """Decode into structs and encode again."""
    return _ENCODER.encode(_DECODER.decode(data))


# -- pydantic v2 -----------------------------------------------------------------------------


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class PLevel(_Strict):
    key: str
    label: str


class PMeasurement(_Strict):
    period: str
    value: Decimal | None = None
    comment: str = ""


class PSeries(_Strict):
    key: str
    measurements: tuple[PMeasurement, ...] = ()


class PThreshold(_Strict):
    type: Literal["threshold"]
    comparison: Literal[">=", "<=", ">", "<"]
    value: Decimal
    unit: str | None = None


class PTargetLevel(_Strict):
    period: str
    value: Decimal


class PTrajectory(_Strict):
    type: Literal["trajectory"]
    levels: tuple[PTargetLevel, ...]
    unit: str | None = None


class PIndicator(_Strict):
    kind: Literal["indicator"]
    id: str
    title: str
    unit: str | None = None
    direction: Direction = Direction.HIGHER_IS_BETTER
    target: Annotated[PThreshold | PTrajectory, pydantic.Field(discriminator="type")] | None = None
    series: tuple[PSeries, ...] = ()
    source: str | None = None


class PGoal(_Strict):
    kind: Literal["goal"] = "goal"
    id: str
    title: str
    level: str
    owner: str | None = None
    children: tuple[Annotated[PGoal | PIndicator, pydantic.Field(discriminator="kind")], ...] = ()


class PTopGoal(_Strict):
    id: str
    title: str
    level: str
    owner: str | None = None
    children: tuple[Annotated[PGoal | PIndicator, pydantic.Field(discriminator="kind")], ...] = ()


class PPlan(_Strict):
    format_version: int
    id: str
    title: str
    organisation: str
    validity: str
    levels: tuple[PLevel, ...]
    goals: tuple[PTopGoal, ...]


def pydantic_roundtrip(data: bytes) -> str:
    """Validate into models and dump again."""
    return PPlan.model_validate_json(data).model_dump_json(exclude_defaults=True)
