import { z } from 'zod';
import type { CardReader } from '../../../api/src/modules/inbox/case-cards';
import { linkFiles, type FileReader } from '../../../api/src/modules/inbox/case-files';
import { localizedOf } from '../../../lib/json';

/**
 * A key person on a task's card (随访, 应急处置记录): who, of which kind, where, the risk level and
 * the next follow-up. Risk 3 and above is urgent.
 */
export const personCards: CardReader = async (db, ids) =>
  (
    await db.person.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        address: true,
        riskLevel: true,
        nextFollowUpDueAt: true,
        type: { select: { name: true } },
      },
    })
  ).map((p) => ({
    kind: 'PERSON' as const,
    id: p.id,
    path: `/patients/${p.id}`,
    // The kind's name is stored in both languages; a card's title is in Chinese, as the other loops' are.
    title: `${p.name} · ${localizedOf(p.type.name)['zh-CN']}`,
    urgent: p.riskLevel >= 3,
    facts: [
      { key: 'person' as const, text: p.name, at: null },
      { key: 'risk' as const, text: String(p.riskLevel), at: null },
      { key: 'address' as const, text: p.address, at: null },
      { key: 'nextFollowUp' as const, text: null, at: p.nextFollowUpDueAt },
    ],
  }));

/** A key person's files on a task's drawer: the file's attachments, web addresses kept elsewhere. */
export const personFiles: FileReader = async (db, id) => {
  const person = await db.person.findUnique({ where: { id }, select: { attachments: true } });
  const urls = z
    .array(z.string())
    .catch([])
    .parse(person?.attachments ?? []);
  return linkFiles(urls.map((url) => ({ url })));
};
