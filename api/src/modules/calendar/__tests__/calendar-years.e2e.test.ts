/**
 * A year after the shipped table is provisional (its holidays computed from the law) until an
 * admin imports the published arrangement in one step; the import is audited, replaces the year's
 * overrides, and the deadlines read it at once.
 */
import { suiteStack } from '../../../../../test/harness';
import { workingCalendar } from '../../../../../lib/working-calendar';

const YEAR = 2027;

describe('calendar years', () => {
  const stack = suiteStack();
  afterAll(async () => {
    await stack.prisma.calendarOverride.deleteMany({ where: { date: { startsWith: `${YEAR}-` } } });
    await stack.prisma.calendarYear.deleteMany({ where: { year: YEAR } });
  });

  it('shows 2027 provisional, then imports its arrangement in one audited step', async () => {
    const staff = await stack.loginAs('xa.staff');
    const provisional = await staff.get(`/api/calendar-years/${YEAR}`).expect(200);
    expect(provisional.body).toMatchObject({ source: 'computed', provisional: true, shippedLastYear: 2026 });
    expect(provisional.body.statutoryHolidays).toContainEqual({ date: '2027-10-01', name: '国庆' });
    expect(
      (await workingCalendar(stack.prisma)).addStatutoryDays(new Date('2027-08-02T10:00:00+08:00'), 60)
        .dueDate,
    ).toBe('2027-10-04');

    const arrangement = {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
        date: `2027-10-${d}`,
        name: '国庆',
      })),
      workdays: ['2027-10-09'],
    };
    await staff.put(`/api/calendar-years/${YEAR}`).send(arrangement).expect(403);
    const admin = await stack.loginAs('admin');
    const outside = await admin
      .put(`/api/calendar-years/${YEAR}`)
      .send({ ...arrangement, workdays: ['2028-01-02'] })
      .expect(400);
    expect(outside.body.error.fields[0].field).toBe('holidays');
    const notADate = await admin
      .put(`/api/calendar-years/${YEAR}`)
      .send({ ...arrangement, workdays: ['2027-02-30'] })
      .expect(400);
    expect(notADate.body.error.fields[0].field).toBe('workdays.0');
    await admin.put(`/api/calendar-years/${YEAR}`).send(arrangement).expect(200);

    const imported = await staff.get(`/api/calendar-years/${YEAR}`).expect(200);
    expect(imported.body).toMatchObject({
      source: 'imported',
      provisional: false,
      importedFrom: arrangement.source,
    });
    expect(imported.body.overrides).toHaveLength(8);
    const calendar = await workingCalendar(stack.prisma);
    expect(calendar.addStatutoryDays(new Date('2027-08-02T10:00:00+08:00'), 60).dueDate).toBe('2027-10-08');
    expect(calendar.isWorkingDay(new Date('2027-10-09T12:00:00+08:00'))).toBe(true);
    const audit = await stack.prisma.auditLog.findMany({
      where: { action: 'calendar.import', subjectType: 'CalendarYear', subjectId: String(YEAR) },
    });
    expect(audit).toHaveLength(1);
  });
});
