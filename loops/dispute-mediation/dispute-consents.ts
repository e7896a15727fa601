/**
 * 延期须双方同意: the one rule for whether a mediation stage may be extended by `days` days. The
 * inbox refuses a request that would change nothing (409 naming who has not consented) and the
 * `extend` worker moves the limit; both read it here.
 */
import type { DisputeStage } from '@prisma/client';

/** The consents that count: for this stage, not yet used, for at least the days asked. */
export const usableConsents = (stage: DisputeStage, days: number) => ({
  where: { stage, usedAt: null, days: { gte: days } },
});

/** The parties without a usable consent (every party when there are none at all to ask). */
export function partiesWithoutConsent<P extends { id: string }>(
  parties: P[],
  consents: { partyId: string }[],
): P[] {
  const consented = new Set(consents.map((c) => c.partyId));
  return parties.filter((p) => !consented.has(p.id));
}
