"""A PO's cancellation policy: tiers by days before departure. Kept apart from the rest of
the money rules because the tenant's settings hold it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from keloia.domain.model.payments import format_rupiah


class FeeKind(StrEnum):
    ADMIN = "admin"  # a fixed admin fee (at most the price)
    DP = "dp"  # the DP received is kept
    PERCENT = "percent"  # a share of the price


class CancellationTier(BaseModel):
    """Applies when the cancellation comes at least `min_days_before` days before departure
    (0 = on the day of departure, negative = after it)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_days_before: int = Field(ge=-366, le=366)
    kind: FeeKind
    amount: int = Field(default=0, strict=True, ge=0)  # ADMIN
    percent: int = Field(default=0, strict=True, ge=0, le=100)  # PERCENT

    def label(self) -> str:
        if self.kind is FeeKind.ADMIN:
            return f"biaya admin {format_rupiah(self.amount)}"
        if self.kind is FeeKind.DP:
            return "DP hangus"
        return f"{self.percent}% dari harga"


class CancellationPolicy(BaseModel):
    """Tiers by days before departure; the first tier (largest `min_days_before`) that the
    cancellation reaches applies. A cancellation earlier than every tier costs nothing."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tiers: tuple[CancellationTier, ...] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _ordered(self) -> CancellationPolicy:
        days = [t.min_days_before for t in self.tiers]
        if days != sorted(days, reverse=True) or len(set(days)) != len(days):
            raise ValueError("tiers go from most days before departure to fewest, once each")
        return self

    def describe(self) -> str:
        """The tiers in words, for the papers a client receives."""
        parts = []
        upper: int | None = None
        for tier in self.tiers:
            low = tier.min_days_before
            if low <= 0:
                when = "pada hari keberangkatan atau sesudahnya"
            elif upper is None:
                when = f"{low} hari atau lebih sebelum keberangkatan"
            elif upper - 1 == low:
                when = f"{low} hari sebelum keberangkatan"
            else:
                when = f"{low}-{upper - 1} hari sebelum keberangkatan"
            parts.append(f"Pembatalan {when}: {tier.label()}.")
            upper = low
        return " ".join(parts)

    def tier_for(self, days_before: int) -> CancellationTier | None:
        for tier in self.tiers:
            if days_before >= tier.min_days_before:
                return tier
        return None


# More than 30 days before: the DP comes back minus an admin fee; 8-30 days: the DP is
# kept; 1-7 days: half the price; on the day of departure (or later): the whole price.
DEFAULT_CANCELLATION_FEES = CancellationPolicy(
    tiers=(
        CancellationTier(min_days_before=31, kind=FeeKind.ADMIN, amount=250_000),
        CancellationTier(min_days_before=8, kind=FeeKind.DP),
        CancellationTier(min_days_before=1, kind=FeeKind.PERCENT, percent=50),
        CancellationTier(min_days_before=-366, kind=FeeKind.PERCENT, percent=100),
    )
)


def cancellation_fee(price: int, dp_paid: int, days_before: int, policy: CancellationPolicy) -> int:
    """The policy's fee, always within [0, price]. With no price agreed yet (0) it is
    within [0, the DP paid]: "DP hangus" keeps the DP, no fee becomes owed on a price
    nobody knows, and a share of that unknown price keeps the DP (never gives it all back
    on a fee that only looks like 0; the owner may waive it)."""
    tier = policy.tier_for(days_before)
    if tier is None:
        return 0
    if tier.kind is FeeKind.ADMIN:
        fee = tier.amount
    elif tier.kind is FeeKind.DP:
        fee = dp_paid
    elif price:
        fee = price * tier.percent // 100
    else:
        fee = dp_paid
    return max(0, min(fee, price or dp_paid))
