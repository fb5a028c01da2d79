"""What happens every morning, per tenant, exactly once a day however many schedulers run."""

from __future__ import annotations

import logging
from datetime import date

from keloia.domain.services import fleet, payments
from keloia.domain.services.deps import Deps

log = logging.getLogger("keloia.daily")

DAILY_ALERTS = "daily_alerts"


def run_daily_alerts(deps: Deps, day: date) -> int:
    """Overdue pelunasan, maintenance due and documents expiring, told to each tenant's
    owner and admins. The claim and the alerts commit together: a crash leaves neither,
    and a second run the same day finds the claim and does nothing. Returns tenants done."""
    with deps.uow() as uow:
        tenant_ids = [t.id for t in uow.tenants.all()]
    done = 0
    for tenant_id in tenant_ids:
        try:
            with deps.uow() as uow:
                if not uow.jobs.claim(DAILY_ALERTS, tenant_id, day):
                    continue
                joined = deps.within(uow)
                payments.alert_overdue(joined, tenant_id, day)
                fleet.alert_assets(joined, tenant_id, day)
                uow.commit()
                done += 1
        except Exception:
            # One tenant's trouble must not keep the others' mornings quiet.
            log.exception("daily alerts failed", extra={"tenant": tenant_id})
    return done
