import { subject } from '@casl/ability';
import type { Db } from '../../../lib/db';
import { remindStreet, streetFigures } from '../patient-targets';
import type { Queues } from '../../../lib/queues';
import type { AppAbility, SessionUser } from '../../../api/src/abilities';
import { HttpError } from '../../../api/src/http/errors';

type Caller = { user: SessionUser; ability: AppAbility };

export interface TargetInput {
  period: string;
  followUpRate: number;
  guardianAgreementRate: number;
  emergencyOnTimeRate: number;
}

/**
 * 目标值 per street: the district sets follow-up completion, guardian agreements and emergency
 * records on time; a street below a target sees it (GET) and gets one system message per period,
 * from the workers' scheduled check or from the district asking now (loops/patient-care/patient-targets.ts).
 */
export function createPatientTargetsService(db: Db, queues: Pick<Queues, 'notice'>) {
  /** Streets the caller looks at: those of their subtree, or the street they sit in. */
  async function streetsFor(who: Caller) {
    const streets = await db.org.findMany({
      where: { type: 'STREET', retiredAt: null },
      orderBy: { id: 'asc' },
    });
    return streets.filter(
      (s) => s.path.startsWith(who.user.org.path) || who.user.org.path.startsWith(s.path),
    );
  }

  /** Only the district sets targets and sends the reminders. */
  // Setting targets and reminding streets are gated on update PatientTarget by their routes.
  return {
    async list(period: string, who: Caller) {
      const streets = await streetsFor(who);
      return { period, items: await Promise.all(streets.map((s) => streetFigures(db, s, period))) };
    },

    async set(streetId: string, input: TargetInput, who: Caller) {
      const street = await db.org.findUnique({ where: { id: streetId } });
      if (!street || street.type !== 'STREET' || !who.ability.can('read', subject('Org', street)))
        throw new HttpError(404, 'error.notFound');
      const data = {
        followUpRate: input.followUpRate,
        guardianAgreementRate: input.guardianAgreementRate,
        emergencyOnTimeRate: input.emergencyOnTimeRate,
        setById: who.user.id,
      };
      await db.patientTarget.upsert({
        where: { streetId_period: { streetId, period: input.period } },
        create: { streetId, period: input.period, ...data },
        update: data,
      });
      return streetFigures(db, street, input.period);
    },

    /** Reminds now every street of the caller's below a target of the period (once per period). */
    async remind(period: string, who: Caller) {
      const reminded: string[] = [];
      for (const street of await streetsFor(who))
        if (await remindStreet(db, queues, street, period)) reminded.push(street.id);
      return { period, reminded };
    },
  };
}

export type PatientTargetsService = ReturnType<typeof createPatientTargetsService>;
