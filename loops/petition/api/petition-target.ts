import { subject } from '@casl/ability';
import type { Db } from '../../../lib/db';
import { t } from '../../../lib/i18n';
import type { AppAbility } from '../../../api/src/abilities';
import { fieldError } from '../../../api/src/http/errors';

/**
 * 受理审查 names the handling unit (承办单位): at 受理 a department (this office included) or a
 * street or community the office may name, or none for the office itself; 转送 goes to a department
 * other than the deciding office (条例 Art. 31: the competent organ), 交办 to a street or community
 * the office may name. Checked wherever the step is completed, its petition route or the inbox, so
 * `field` names the field as that request has it.
 */
export async function checkPetitionTarget(
  db: Db,
  values: { decision?: unknown; targetUnitId?: unknown },
  who: { user: { orgId: string }; ability: AppAbility },
  field: string,
) {
  const { decision, targetUnitId } = values;
  if (decision !== 'accept' && decision !== 'forward' && decision !== 'assign') return;
  if (decision === 'accept' && (targetUnitId === undefined || targetUnitId === null || targetUnitId === ''))
    return;
  if (typeof targetUnitId !== 'string' || !targetUnitId) throw fieldError(field, t('error.required'));
  const org = await db.org.findUnique({ where: { id: targetUnitId } });
  if (!org || org.retiredAt) throw fieldError(field, t('error.unknownUnit'));
  const lowerLevel =
    (org.type === 'STREET' || org.type === 'COMMUNITY') && who.ability.can('read', subject('Org', org));
  const fits =
    decision === 'forward'
      ? org.type === 'DEPARTMENT' && org.id !== who.user.orgId
      : decision === 'assign'
        ? lowerLevel
        : org.type === 'DEPARTMENT' || lowerLevel;
  if (!fits)
    throw fieldError(
      field,
      t(
        decision === 'forward'
          ? 'error.notADepartment'
          : decision === 'assign'
            ? 'error.notALowerLevel'
            : 'error.notAHandlingUnit',
      ),
    );
}
