/**
 * The photos and files of a task's case, as its drawer lists them: each loop reads its own in its
 * folder (`loops/<loop>/api/*-card.ts`, beside its card); case-cards.ts asks the task's loop.
 */
import type { Db } from '../../../../lib/db';
import type { AppAbility, SessionUser } from '../../abilities';
import type { CaseFile } from './inbox.answers';

export type { CaseFile };

/** A case's photos and files for its task's drawer, as far as the caller may open them. */
export type FileReader = (
  db: Db,
  id: string,
  who: { user: SessionUser; ability: AppAbility },
) => Promise<CaseFile[]>;

/**
 * Files a case names by reference ({ name, url }): opened where they are kept when the reference
 * is a web address or an API path, else only named.
 */
export const linkFiles = (links: { name?: string; url: string }[]): CaseFile[] =>
  links.map(({ name, url }) => ({
    name: name || (url.split(/[/?#]/).filter(Boolean).pop() ?? url),
    url: /^(https?:\/\/|\/api\/)/i.test(url) ? url : null,
    contentType: null,
    field: null,
  }));
