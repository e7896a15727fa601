import { useContext, useEffect, useState } from 'react';
import { Button, Card, Form, Input, message, Radio, Result, Select, Space, Tag, Typography } from 'antd';
import { api, ApiFailure, errorText, type AnswerOf, type Me } from '../api';
import type { Unit } from '../units';
import { I18nContext, useT } from '../i18n';
import { uploadFile } from '../field/upload';
import { isOffline, newDraftId, saveDraft, type Draft } from '../field/drafts';
import { PhotoPicker, usePickedPhotos } from '../field/PhotoPicker';
import { useSearchParams } from 'react-router';
import { BuildingPicker, type PickedBuilding } from '../../../loops/base-data/web/BuildingPicker';

type Category = AnswerOf<'/api/event-categories'>['items'][number];
type Position = { latitude: number; longitude: number } | null | 'locating';

/**
 * 事件上报 for grid members in the field: category, urgency, the grid (picked, defaulted to the
 * member's own), place, what they saw, photos or videos, and the phone's position (WGS-84, as the
 * browser gives it). After submitting, the new case is one tap away.
 */
export function ReportPage({ me, onOpenCase }: { me: Me; onOpenCase: (id: string) => void }) {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const [form] = Form.useForm();
  const [categories, setCategories] = useState<Category[]>([]);
  const [grids, setGrids] = useState<Unit[]>([]);
  // Photos picked without a connection stay on the phone and go with the draft.
  const photos = usePickedPhotos({ keepOffline: true });
  const { files, uploading } = photos;
  const [position, setPosition] = useState<Position>(null);
  // The grid whose boundary holds the position, preselected for the reporter to confirm or change.
  const [locatedGrid, setLocatedGrid] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ id: string; caseNo: string } | 'draft' | null>(null);
  // The report's own id, sent as clientRef: a retried or offline-sent report makes one case.
  const [clientRef, setClientRef] = useState(newDraftId);
  // 上报 from a building's page (?building=…) starts at that building; any building may be picked.
  // The case keeps the building (and the room picked); the building's grid stands in.
  const [params] = useSearchParams();
  const [building, setBuilding] = useState<PickedBuilding | null>(null);
  const picked = (b: PickedBuilding | null) => {
    setBuilding(b);
    if (b?.gridId) form.setFieldValue('gridId', b.gridId);
  };

  useEffect(() => {
    api<AnswerOf<'/api/event-categories'>>('/api/event-categories').then((r) => setCategories(r.items));
    api<AnswerOf<'/api/orgs'>>('/api/orgs').then((r) => {
      const mine = r.items.filter((u) => u.type === 'GRID');
      setGrids(mine);
      if (!form.getFieldValue('gridId') && mine.length) form.setFieldValue('gridId', mine[0].id);
    });
  }, [form]);

  const locate = () => {
    if (!navigator.geolocation) return setPosition(null);
    setPosition('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => setPosition(null),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  useEffect(locate, []);
  useEffect(() => {
    if (!position || position === 'locating') return setLocatedGrid(null);
    api<AnswerOf<'/api/map/grid-at'>>(
      `/api/map/grid-at?lat=${position.latitude}&lng=${position.longitude}`,
    ).then(
      ({ grid }) => {
        setLocatedGrid(grid);
        form.setFieldValue('gridId', grid.id);
      },
      // Outside one's own grids, or no boundaries: the reporter picks the grid.
      () => setLocatedGrid(null),
    );
  }, [position, form]);

  const submit = async (values: Draft['body']) => {
    setBusy(true);
    const body = {
      ...values,
      ...(position && position !== 'locating' ? position : {}),
    };
    const uploaded = files.flatMap((f) => (f.id ? [f.id] : []));
    const pending = files.flatMap((f) => (f.file ? [f.file] : []));
    try {
      while (pending.length) {
        uploaded.push((await uploadFile(pending[0])).id);
        pending.shift();
      }
      const event = await api<AnswerOf<'/api/events', 'post'>>('/api/events', {
        body: { ...body, attachmentIds: uploaded, clientRef },
      });
      setCreated(event);
    } catch (err) {
      if (isOffline(err)) {
        await saveDraft({
          id: clientRef,
          userId: me.id,
          savedAt: new Date().toISOString(),
          body,
          uploaded,
          files: pending.map((f) => ({ name: f.name, type: f.type, blob: f })),
        });
        setCreated('draft');
        return;
      }
      if (err instanceof ApiFailure) form.setFields(err.fieldErrors(locale));
      message.error(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  };
  const again = () => {
    setCreated(null);
    photos.clear();
    setClientRef(newDraftId());
    form.resetFields(['category', 'address', 'description']);
  };

  if (created === 'draft')
    return (
      <Result
        status="info"
        title={t('draftSaved')}
        subTitle={t('draftSavedHint')}
        data-testid="draft-saved"
        extra={[
          <Button key="again" onClick={again}>
            {t('reportAnother')}
          </Button>,
        ]}
      />
    );
  if (created)
    return (
      <Result
        status="success"
        title={t('reportedTitle', { caseNo: created.caseNo })}
        extra={[
          <Button
            key="open"
            type="primary"
            href={`/cases/${created.id}`}
            onClick={(e) => {
              e.preventDefault();
              onOpenCase(created.id);
            }}
          >
            {t('openCase')}
          </Button>,
          <Button key="again" onClick={again}>
            {t('reportAnother')}
          </Button>,
        ]}
      />
    );

  const required = [{ required: true, message: t('required') }];
  return (
    <Card title={t('report')} style={{ maxWidth: 640 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          urgency: 'NORMAL',
          gridId: me.org.type === 'GRID' ? me.org.id : undefined,
          // 发现问题 on a patrol opens the form with the place of the last check-in.
          address: new URLSearchParams(window.location.search).get('address') || undefined,
        }}
      >
        <Form.Item name="category" label={t('category')} rules={required}>
          {/* A short list: no virtual scrolling, whose re-render while an option scrolls into view
              lost a click on it (CI, web.e2e). */}
          <Select
            virtual={false}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
            data-testid="category"
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('urgency')} rules={required}>
          <Radio.Group
            options={[
              { value: 'NORMAL', label: t('normal') },
              { value: 'URGENT', label: t('urgent') },
            ]}
          />
        </Form.Item>
        <Form.Item name="gridId" label={t('grid')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('pickGrid')}
            options={grids.map((g) => ({ value: g.id, label: g.name }))}
            data-testid="grid"
          />
        </Form.Item>
        {locatedGrid && (
          <Typography.Paragraph type="secondary" data-testid="grid-by-location">
            {t('gridByLocation', { name: locatedGrid.name })}
          </Typography.Paragraph>
        )}
        <BuildingPicker withRooms initialId={params.get('building')} onPicked={picked} />
        {/* From a building the standard address (and the room) stands in unless one is typed. */}
        <Form.Item name="address" label={t('address')} rules={building ? [] : required}>
          <Input placeholder={building?.address} />
        </Form.Item>
        <Form.Item label={t('location')}>
          <Space wrap>
            {position === 'locating' ? (
              <Typography.Text type="secondary">{t('locating')}</Typography.Text>
            ) : position ? (
              <Tag color="green" data-testid="location">
                {t('located', { lat: position.latitude.toFixed(5), lng: position.longitude.toFixed(5) })}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{t('noLocation')}</Typography.Text>
            )}
            <Button size="small" onClick={locate}>
              {t('locate')}
            </Button>
          </Space>
        </Form.Item>
        <Form.Item name="description" label={t('description')} rules={required}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t('photos')} extra={t('uploadLimits')}>
          <PhotoPicker photos={photos} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
