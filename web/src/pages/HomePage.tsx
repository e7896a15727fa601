import { useContext } from 'react';
import { Link } from 'react-router';
import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import { api, type AnswerOf } from '../api';
import { I18nContext, useT } from '../i18n';
import { hasRole, useMe } from '../me';
import { useLoad } from '../use-load';
import { Loaded } from '../Loaded';
import { beijingDate, beijingDayStart } from '../../../lib/china-time';

type Overdue = AnswerOf<'/api/supervision/overdue'>;

/** The ranked level a unit compares itself in: a district looks at its streets. */
const levelOf = (type: string) =>
  type === 'COMMUNITY' ? 'COMMUNITY' : type === 'DEPARTMENT' ? 'DEPARTMENT' : 'STREET';

/**
 * A leader's home: their area at a glance — overdue work (yellow/red, the units most behind),
 * today's cases, their latest ranking — and their own 待办, each linking to the page behind it.
 */
export function HomePage() {
  const t = useT();
  const me = useMe();
  const { locale } = useContext(I18nContext);
  const overdue = useLoad(() => api<Overdue>(`/api/supervision/overdue?unit=${me.org.id}`), [me.org.id]);
  // Today's count is the list's total, not what one page holds; today is the Beijing day, as on the 大屏.
  const cases = useLoad(
    () =>
      api<AnswerOf<'/api/events'>>(
        `/api/events?pageSize=5&sort=createdAt&order=desc&from=${encodeURIComponent(beijingDayStart().toISOString())}`,
      ),
    [],
  );
  const todo = useLoad(() => api<AnswerOf<'/api/inbox'>>('/api/inbox?pageSize=1'), []);
  const ranking = useLoad(async () => {
    const runs = (await api<AnswerOf<'/api/assessment/runs'>>('/api/assessment/runs')).items;
    const latest = runs.find((r) => r.computedAt);
    if (!latest) return null;
    const level = levelOf(me.org.type);
    const { items } = await api<AnswerOf<'/api/assessment/rankings'>>(
      `/api/assessment/rankings?period=${latest.periodKey}&level=${level}`,
    );
    return { period: latest.periodKey, items };
  }, [me.org.type]);

  // 舆情 is the district's watch: its staff and leaders see today's matches and what waits for triage.
  const watcher = me.org.type === 'DISTRICT' && hasRole(me, 'STAFF', 'SUPERVISOR');
  const opinion = useLoad(async () => {
    if (!watcher) return null;
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const [stats, waiting] = await Promise.all([
      api<AnswerOf<'/api/opinion/stats'>>(
        `/api/opinion/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
      api<AnswerOf<'/api/opinion/items'>>('/api/opinion/items?status=NEW&pageSize=1'),
    ]);
    return {
      today: stats.days.find((d) => d.day === beijingDate(new Date()))?.items ?? 0,
      waiting: waiting.total,
      words: stats.words.slice(0, 5),
    };
  }, [watcher]);

  return (
    <Row gutter={[16, 16]} data-testid="leader-home">
      <Col xs={24}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('areaSummary', { unit: me.org.name })}
        </Typography.Title>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title={t('overdueWork')} extra={<Link to="/supervision">{t('supervision')}</Link>}>
          <Loaded testId="home-error" state={overdue}>
            {(o) => (
              <>
                <Row>
                  <Col span={12}>
                    <Statistic
                      data-testid="home-yellow"
                      title={t('yellowCount')}
                      value={o.totals.yellow}
                      styles={{ content: { color: '#d4a106' } }}
                    />
                  </Col>
                  <Col span={12}>
                    <Statistic
                      data-testid="home-red"
                      title={t('redCount')}
                      value={o.totals.red}
                      styles={{ content: { color: '#cf1322' } }}
                    />
                  </Col>
                </Row>
                <List
                  size="small"
                  locale={{ emptyText: t('noOverdue') }}
                  dataSource={o.byUnit
                    .filter((u) => u.red + u.yellow > 0)
                    .sort((a, b) => b.red + b.yellow - a.red - a.yellow)
                    .slice(0, 3)}
                  renderItem={(u) => (
                    <List.Item data-testid="home-overdue-unit">
                      {u.name}
                      <span>
                        <Tag color="gold">{u.yellow}</Tag>
                        <Tag color="red">{u.red}</Tag>
                      </span>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Loaded>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title={t('todayCases')} extra={<Link to="/cases">{t('cases')}</Link>}>
          <Loaded testId="home-error" state={cases}>
            {(c) => (
              <>
                <Statistic data-testid="home-today" title={t('reportedToday')} value={c.total} />
                <List
                  size="small"
                  dataSource={c.items}
                  locale={{ emptyText: t('noCasesToday') }}
                  renderItem={(e) => (
                    <List.Item>
                      <Link to={`/cases/${e.id}`}>{e.caseNo}</Link>
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 160 }}>
                        {e.address}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Loaded>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={6}>
        <Card title={t('rankings')} extra={<Link to="/rankings">{t('details')}</Link>}>
          <Loaded testId="home-error" state={ranking}>
            {(r) =>
              !r ? (
                <Empty description={t('noRankingYet')} />
              ) : (
                <>
                  <Typography.Text type="secondary">{r.period}</Typography.Text>
                  {r.items.some((s) => s.unitId === me.org.id) ? (
                    <Statistic
                      data-testid="my-rank"
                      title={t('myRank')}
                      value={r.items.find((s) => s.unitId === me.org.id)!.rank}
                      suffix={t('rankSuffix')}
                    />
                  ) : (
                    <List
                      size="small"
                      dataSource={r.items.slice(0, 5)}
                      renderItem={(s) => (
                        <List.Item data-testid="home-rank-row">
                          {s.rank}. {s.unitName}
                          <span>{s.score.toLocaleString(locale, { maximumFractionDigits: 1 })}</span>
                        </List.Item>
                      )}
                    />
                  )}
                </>
              )
            }
          </Loaded>
        </Card>
      </Col>
      {watcher && (
        <Col xs={24} md={12} xl={6}>
          <Card title={t('opinion')} extra={<Link to="/opinion">{t('details')}</Link>}>
            <Loaded testId="home-error" state={opinion}>
              {(o) =>
                o && (
                  <>
                    <Row>
                      <Col span={12}>
                        <Statistic
                          data-testid="home-opinion-waiting"
                          title={t('opinion.NEW')}
                          value={o.waiting}
                        />
                      </Col>
                      <Col span={12}>
                        <Statistic title={t('opinion.today')} value={o.today} />
                      </Col>
                    </Row>
                    {o.words.map((w) => (
                      <Tag key={w.word}>
                        {w.word} {w.items}
                      </Tag>
                    ))}
                  </>
                )
              }
            </Loaded>
          </Card>
        </Col>
      )}
      <Col xs={24} md={12} xl={6}>
        <Card title={t('myTodo')} extra={<Link to="/todo">{t('todo')}</Link>}>
          <Loaded testId="home-error" state={todo}>
            {(d) => <Statistic data-testid="my-todo" value={d.total} />}
          </Loaded>
        </Card>
      </Col>
    </Row>
  );
}
