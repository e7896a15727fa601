/**
 * 人民调解协议书 (人民调解法 Art. 28–29) as lib/pdf lays it out: numbered, the parties with their
 * addresses, the dispute, the terms agreed, how it is performed, the parties' and the mediator's
 * signature lines, the committee's full name above the seal's place, dated in Chinese. Printed for
 * the parties to sign; the recorded agreement is what it says.
 */
import type { PdfDocumentSpec } from '../../lib/pdf';
import { beijingDate, chineseDate } from '../../lib/china-time';

export interface AgreementFacts {
  caseNo: string;
  typeName: string;
  summary: string;
  parties: { name: string; address: string | null }[];
  terms: string;
  signedAt: Date;
  mediatorName: string | null;
  /** The mediating unit's full name (its name when it has none). */
  committee: string;
}

export const agreementDocument = (f: AgreementFacts): PdfDocumentSpec => ({
  title: '人民调解协议书',
  subtitle: `编号：${f.caseNo}`,
  sections: [
    {
      heading: '当事人',
      fields: f.parties.map((p, i) => [
        `当事人${i + 1}`,
        `${p.name}${p.address ? `，住址：${p.address}` : ''}`,
      ]),
    },
    { heading: '纠纷主要事实、争议事项', paragraphs: [`纠纷类型：${f.typeName}`, f.summary] },
    {
      heading: '经调解，自愿达成如下协议',
      paragraphs: [
        f.terms,
        '履行方式、时限：按上述约定履行。',
        '本协议一式三份，当事人、人民调解委员会各持一份，自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。',
        '当事人可以自本协议生效之日起三十日内，共同向人民法院申请司法确认。',
      ],
    },
    {
      heading: '签名',
      fields: [
        ...f.parties.map((p, i): [string, string] => [
          `当事人${i + 1}`,
          `${p.name}    签名（按指印）：____________`,
        ]),
        ['人民调解员', `${f.mediatorName ?? ''}    签名：____________`],
      ],
    },
    {
      paragraphs: [f.committee, '（人民调解委员会印）', chineseDate(beijingDate(f.signedAt))],
      align: 'right',
    },
  ],
  footer: f.committee,
});
