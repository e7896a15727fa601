/**
 * Written notices to a petitioner (信访工作条例 Arts. 31–35): which kinds there are, the facts each
 * template fills in, and the PDF. Workers record a notice when its step happens (the facts are
 * fixed then); the API renders it on download. The text is Chinese, so the PDF embeds a CJK font
 * that ships with an npm package (@fontsource/noto-sans-sc, OFL) through lib/pdf's renderPdf, the
 * one PDF layout of the app: nothing is fetched at run time.
 */
import type { Prisma } from '@prisma/client';
import type { Db } from '../../lib/db';
import { nextDocNo } from '../../lib/case-no';
import { chineseDate } from '../../lib/china-time';
import { petitionLoop } from './loop';
import type { PdfDocumentSpec } from '../../lib/pdf';

export type NoticeKind =
  | 'ACCEPT'
  | 'NOT_ACCEPT'
  | 'FORWARD'
  | 'ASSIGN'
  | 'EXTENSION'
  | 'OPINION'
  | 'REVIEW_OPINION'
  | 'RECHECK_OPINION';

export interface NoticeFields {
  caseNo: string;
  /** Shanghai dates, YYYY-MM-DD. */
  issuedOn: string;
  unitName: string;
  [field: string]: string | number | null;
}

/**
 * The templates: a title and the paragraphs, from the notice's fields. A limit a paper states is
 * one of its fields (`days`), fixed when it was issued: a later change to the loop's clocks does
 * not rewrite a paper already sent (papers issued before `days` was recorded read the manifest).
 */
const TEMPLATES: Record<NoticeKind, { title: string; body: (f: NoticeFields) => string[] }> = {
  ACCEPT: {
    title: '信访事项受理告知书',
    body: (f) => [
      `您反映的信访事项（编号 ${f.caseNo}）经审查，符合受理条件，本机关决定予以受理${f.targetName && f.targetName !== f.unitName ? `，由 ${f.targetName} 承办` : ''}。`,
      `本机关将自受理之日起${f.days ?? petitionLoop.clocks.handling.days}日内办结，办理期限至 ${f.dueDate}。`,
    ],
  },
  NOT_ACCEPT: {
    title: '信访事项不予受理告知书',
    body: (f) => [`您反映的信访事项（编号 ${f.caseNo}）经审查，决定不予受理。`, `理由：${f.reason}`],
  },
  FORWARD: {
    title: '信访事项转送告知书',
    body: (f) => [
      `您反映的信访事项（编号 ${f.caseNo}）依法应由 ${f.targetName} 处理，本机关已予转送。`,
      `理由：${f.reason}`,
      `办理期限至 ${f.dueDate}。`,
    ],
  },
  ASSIGN: {
    title: '信访事项交办告知书',
    body: (f) => [
      `您反映的信访事项（编号 ${f.caseNo}）已交由 ${f.targetName} 办理。`,
      `理由：${f.reason}`,
      `办理期限至 ${f.dueDate}。`,
    ],
  },
  EXTENSION: {
    title: '信访事项延期办理告知书',
    body: (f) => [
      `您反映的信访事项（编号 ${f.caseNo}）因情况复杂，经上一级机关批准，办理期限延长 ${f.days} 日，至 ${f.dueDate}。`,
      `延期理由：${f.reason}`,
    ],
  },
  OPINION: {
    title: '信访事项处理意见书',
    body: (f) => [
      `您反映的信访事项（编号 ${f.caseNo}），本机关处理意见如下：`,
      String(f.reply),
      `如对本处理意见不服，可自收到本意见书之日起${f.days ?? petitionLoop.clocks.reviewRequest.days}日内请求原办理机关的上一级机关复查（至 ${f.reviewUntil}）。`,
    ],
  },
  REVIEW_OPINION: {
    title: '信访事项复查意见书',
    body: (f) => [
      `您对信访事项（编号 ${f.caseNo}）处理意见提出的复查请求，本机关复查意见如下：`,
      String(f.opinion),
      `如对复查意见不服，可自收到本意见书之日起${f.days ?? petitionLoop.clocks.reviewRequest.days}日内向复查机关的上一级机关请求复核（至 ${f.reviewUntil}）。`,
    ],
  },
  RECHECK_OPINION: {
    title: '信访事项复核意见书',
    body: (f) => [
      `您对信访事项（编号 ${f.caseNo}）复查意见提出的复核请求，本机关复核意见如下：`,
      String(f.opinion),
      '本复核意见为终结意见。信访人对复核意见不服，仍以同一事实和理由提出信访请求的，不再受理。',
    ],
  },
};

export const noticeTitle = (kind: NoticeKind) => TEMPLATES[kind].title;

/** The unit that issues a notice: its name, the full name it signs with and its 发文机关代字. */
export interface Issuer {
  id: string;
  name: string;
  fullName: string | null;
  docPrefix: string | null;
}

/**
 * Records a notice once per dedupKey (workers run at least once), in the caller's transaction
 * (`tx`), as an office sends it: to the petitioner by name, about their matter, signed with the
 * issuer's full name and numbered (文号) from the issuer's sequence of the year.
 */
export async function recordNotice(
  db: Db,
  tx: Prisma.TransactionClient,
  notice: {
    petitionId: string;
    kind: NoticeKind;
    fields: NoticeFields;
    dedupKey: string;
    issuer: Issuer | null;
  },
) {
  const { issuer, ...rest } = notice;
  if (await tx.petitionNotice.findUnique({ where: { dedupKey: rest.dedupKey }, select: { id: true } }))
    return;
  const petition = await tx.petition.findUniqueOrThrow({
    where: { id: rest.petitionId },
    select: { petitionerName: true, matter: true },
  });
  const fields: NoticeFields = {
    ...rest.fields,
    addressee: petition.petitionerName,
    matter: petition.matter,
    authority: issuer?.fullName ?? issuer?.name ?? rest.fields.unitName,
    docNo: issuer ? await nextDocNo(db, issuer, petitionLoop.papers!.numberPattern, new Date(), tx) : null,
  };
  await tx.petitionNotice.upsert({
    where: { dedupKey: rest.dedupKey },
    create: { ...rest, fields: fields as unknown as Prisma.InputJsonObject },
    update: {},
  });
}

/**
 * The notice as lib/pdf lays it out, as the paper is: the title and its number (文号), the
 * addressee, the letter, the matter, then the issuing authority's full name, the seal's place and
 * the date in Chinese on the right. Notices issued before papers were numbered print without one.
 */
export const noticeDocument = (kind: NoticeKind, fields: NoticeFields): PdfDocumentSpec => ({
  title: TEMPLATES[kind].title,
  subtitle: fields.docNo ? String(fields.docNo) : `编号：${fields.caseNo}`,
  sections: [
    ...(fields.addressee ? [{ paragraphs: [`${fields.addressee}：`] }] : []),
    { paragraphs: TEMPLATES[kind].body(fields) },
    ...(fields.matter ? [{ paragraphs: [`信访事项：${fields.matter}`, `信访编号：${fields.caseNo}`] }] : []),
    {
      paragraphs: [
        String(fields.authority ?? fields.unitName),
        '（印章）',
        /^\d{4}-\d{2}-\d{2}$/.test(fields.issuedOn) ? chineseDate(fields.issuedOn) : fields.issuedOn,
      ],
      align: 'right',
    },
  ],
  footer: String(fields.authority ?? fields.unitName),
});
