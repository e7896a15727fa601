import { useEffect, useRef, useState } from 'react';
import { Form, Select } from 'antd';
import { api, type AnswerOf } from '../../../web/src/api';
import { useT } from '../../../web/src/i18n';
import { roomLabel } from './resident-fields';

type Found = AnswerOf<'/api/base/search'>['buildings'][number];
type Page = AnswerOf<'/api/base/buildings/{id}'>;
/** What a form may take from the picked building: its address, community and grid. */
export type PickedBuilding = Pick<Found, 'id' | 'address' | 'orgId' | 'gridId'>;

/** Typing pauses this long before the search goes out, so a word typed is one request. */
const TYPING_MS = 300;

/**
 * 选择楼栋: the building a case is about (an event, a dispute, a petition, a key person's file),
 * found through the address search as people type addresses, sent as `buildingId`; with `withRooms`
 * its rooms to pick one (`roomId`). Lives inside the case's Form. The building's page (an audited
 * read) is read only for its rooms, or for the building a form starts from.
 */
export function BuildingPicker({
  withRooms = false,
  initialId,
  onPicked,
}: {
  withRooms?: boolean;
  /** A building to start from (事件上报 opened from a building's page). */
  initialId?: string | null;
  /** The picked building (null when cleared), for a form that takes its community, grid or address. */
  onPicked?: (b: PickedBuilding | null) => void;
}) {
  const t = useT();
  const form = Form.useFormInstance();
  const [found, setFound] = useState<PickedBuilding[]>([]);
  const [picked, setPicked] = useState<Page | null>(null);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const asked = useRef('');
  // The building picked keeps its label while another word is searched.
  const chosen = useRef<PickedBuilding | null>(null);
  const keepChosen = (rows: PickedBuilding[]) =>
    chosen.current && !rows.some((r) => r.id === chosen.current!.id) ? [chosen.current, ...rows] : rows;

  const search = (q: string) => {
    clearTimeout(timer.current);
    const typed = q.trim();
    if (!typed) return;
    timer.current = setTimeout(() => {
      asked.current = typed;
      setSearching(true);
      api<AnswerOf<'/api/base/search'>>(`/api/base/search?q=${encodeURIComponent(typed)}`)
        .then((r) => {
          // An answer to an earlier word that came late is dropped.
          if (asked.current === typed) setFound(keepChosen(r.buildings));
        })
        .catch(() => setFound(keepChosen([])))
        .finally(() => setSearching(false));
    }, TYPING_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const loadPage = (id: string) =>
    api<Page>(`/api/base/buildings/${id}`).then(
      (b) => (setPicked(b), b),
      () => null,
    );
  const pick = (id: string | undefined) => {
    form.setFieldValue('roomId', undefined);
    setPicked(null);
    chosen.current = found.find((b) => b.id === id) ?? null;
    onPicked?.(chosen.current);
    if (id && withRooms) void loadPage(id);
  };
  useEffect(() => {
    if (!initialId) return;
    form.setFieldValue('buildingId', initialId);
    void loadPage(initialId).then((b) => {
      chosen.current = b;
      if (b) setFound((f) => keepChosen(f));
      onPicked?.(b);
    });
    // Only the building the form was opened with; later picks come through onChange.
  }, [initialId]);

  return (
    <>
      <Form.Item name="buildingId" label={t('building')} normalize={(v) => v ?? undefined}>
        <Select
          showSearch={{ filterOption: false, onSearch: search }}
          allowClear
          loading={searching}
          options={found.map((b) => ({ value: b.id, label: b.address }))}
          onChange={pick}
          placeholder={t('pickBuilding')}
          notFoundContent={null}
          data-testid="building-picker"
        />
      </Form.Item>
      {withRooms && picked && picked.rooms.length > 0 && (
        <Form.Item
          name="roomId"
          label={t('roomNo')}
          normalize={(v) => v ?? undefined}
          data-testid="building-room"
        >
          <Select allowClear options={picked.rooms.map((r) => ({ value: r.id, label: roomLabel(r) }))} />
        </Form.Item>
      )}
    </>
  );
}
