import { auditDetailText } from '../audit-detail';

describe('audit detail in words', () => {
  it('names known keys in zh-CN, keeps unknown ones, and words values as people read them', () => {
    expect(
      auditDetailText({
        route: 'POST /api/events',
        fields: ['category', 'address'],
        via: 'task',
        identity: false,
        finalAt: '2026-12-05T02:30:00.000Z',
        filter: { subjectId: 'c1' },
        custom: 3,
      }),
    ).toBe(
      '接口: POST /api/events；提交字段: category、address；途径: 待办任务；含身份信息: 否；' +
        '终结时间: 2026/12/5 10:30:00；筛选条件: （对象: c1）；custom: 3',
    );
    expect(auditDetailText(null)).toBe('');
  });
});
