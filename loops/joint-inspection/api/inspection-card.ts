import type { CardReader } from '../../../api/src/modules/inbox/case-cards';

/** A joint inspection on a task's card: the enterprise, its grade then, every department's matters. */
export const inspectionCards: CardReader = async (db, ids) => {
  const rows = await db.jointInspection.findMany({ where: { id: { in: ids } }, include: { plans: true } });
  const businesses = await db.business.findMany({
    where: { id: { in: rows.map((r) => r.businessId) } },
    select: { id: true, name: true },
  });
  const name = new Map(businesses.map((b) => [b.id, b.name]));
  return rows.map((r) => ({
    kind: 'JOINT_INSPECTION' as const,
    id: r.id,
    path: '/joint-inspections',
    title: `${r.caseNo} · ${name.get(r.businessId) ?? ''}`,
    urgent: r.grade === 'D',
    facts: [
      { key: 'enterprise' as const, text: name.get(r.businessId) ?? '', at: null },
      { key: 'grade' as const, text: r.grade, at: null },
      { key: 'matters' as const, text: r.plans.map((p) => p.matter).join('、'), at: null },
    ],
  }));
};
