/**
 * The petition's statutory days are one edit in its manifest: with the 办理 limit changed there,
 * the API's case clock (which the case page labels with the days it answers), the decide worker's
 * description in the catalog and the acceptance notice all say and count the new limit.
 */
import type { Petition } from '@prisma/client';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCalendar } from '../../../lib/calendar';
import type { WorkerDefinition } from '../../../workers/src/types';

const ROOT = path.join(__dirname, '..', '..', '..');
const decidedAt = new Date('2026-03-02T02:00:00Z');
const petition = {
  receivedAt: new Date('2026-02-26T02:00:00Z'),
  decidedAt,
  decision: 'accept',
  extensionDays: null,
  repliedAt: null,
  reviewLevel: 0,
  reviewDueAt: null,
  status: 'HANDLING',
} as unknown as Petition;

/** The modules that read the manifest, loaded afresh after `edit` changed it. */
function withManifest(edit: (loop: typeof import('../loop').petitionLoop) => void) {
  let loaded!: {
    clocks: typeof import('../api/petition-clocks');
    notices: typeof import('../petition-notices');
    decide: WorkerDefinition;
  };
  jest.isolateModules(() => {
    edit(jest.requireActual<typeof import('../loop')>('../loop').petitionLoop);
    loaded = {
      clocks: jest.requireActual('../api/petition-clocks'),
      notices: jest.requireActual('../petition-notices'),
      decide: jest.requireActual<{ default: WorkerDefinition }>('../workers/decide.worker').default,
    };
  });
  return loaded;
}

describe("the petition loop's clocks", () => {
  const calendar = createCalendar();

  it.each([60, 75])('a handling limit of %i days moves the API clock, the worker and the notice', (days) => {
    const { clocks, notices, decide } = withManifest((loop) => {
      // The manifest is declared read-only; the test edits it as a person would edit the file.
      (loop.clocks.handling as { days: number }).days = days;
    });
    const handling = clocks
      .petitionClocks(petition, calendar, decidedAt)
      .find((c) => c.name === 'handling') as { days: number; dueAt: Date };
    expect(handling.days).toBe(days);
    expect(handling.dueAt).toEqual(calendar.addStatutoryDays(decidedAt, days).dueAt);
    expect(decide.description.zh).toContain(`${days}日办理期限`);
    const paper = notices.noticeDocument('ACCEPT', {
      caseNo: 'XF-1',
      issuedOn: '2026-03-02',
      unitName: '宝安区信访局',
      dueDate: '2026-05-01',
    });
    const [body] = paper.sections;
    expect('paragraphs' in body && body.paragraphs.join('')).toContain(`自受理之日起${days}日内办结`);
  });

  it('names no statutory day count of the petition outside its manifest', () => {
    const files = [
      'loops/petition/api/petitions.service.ts',
      'loops/petition/api/petitions.routes.ts',
      'loops/petition/api/petition-clocks.ts',
      'loops/petition/petition-notices.ts',
      'loops/petition/web/PetitionCase.tsx',
      'loops/petition/web/messages.ts',
      ...['decide', 'extend', 'reply', 'review', 'open-review'].map(
        (w) => `loops/petition/workers/${w}.worker.ts`,
      ),
    ];
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect([file, text.match(/\b(15|30|60)\s*(日|天|days?\b|-day)/g)]).toEqual([file, null]);
    }
  });
});
