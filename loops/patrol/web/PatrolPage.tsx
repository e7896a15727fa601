import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Input, message, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, errorText, type AnswerOf } from '../../../web/src/api';
import { isOffline } from '../../../web/src/field/drafts';
import { PHOTO_TYPES, PhotoPicker, usePickedPhotos } from '../../../web/src/field/PhotoPicker';
import { I18nContext, useT } from '../../../web/src/i18n';
import { metresBetween } from '../distance';

type Patrol = AnswerOf<'/api/patrols/{id}'>;
type CheckIn = Patrol['checkIns'][number] & { buildingName?: string; address?: string };
type Point = { latitude: number; longitude: number; at: string };

const PATROL_KEY = 'zz.patrol';
const QUEUE_KEY = 'zz.patrol.queue';
/** The last position kept, so a page opened again (after 发现问题) does not keep the same spot twice. */
const LAST_KEY = 'zz.patrol.last';
/** Sparingly: a position is kept after this long or this far from the last one kept. */
const KEEP_AFTER_MS = 20_000;
const KEEP_AFTER_M = 15;
const SEND_EVERY_MS = 30_000;
/** The API's largest batch (loops/patrol/loop.ts). */
const BATCH = 500;

const readQueue = (): Point[] => JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]') as Point[];
const writeQueue = (q: Point[]) => localStorage.setItem(QUEUE_KEY, JSON.stringify(q));

/** What the browser's BarcodeDetector (Chromium on Android) finds in a photo of the QR code. */
async function codeInPhoto(file: File): Promise<string | null> {
  const Detector = (
    window as unknown as {
      BarcodeDetector?: new (o: object) => { detect: (i: ImageBitmap) => Promise<{ rawValue: string }[]> };
    }
  ).BarcodeDetector;
  if (!Detector) return null;
  const [found] = await new Detector({ formats: ['qr_code'] }).detect(await createImageBitmap(file));
  return found?.rawValue ?? null;
}

/**
 * 巡查打点 on the phone: start, the position kept along the way (sparingly, queued on the phone
 * while offline and sent in batches), check-ins at buildings by their QR code or by position,
 * notes, 发现问题 (the report form with the place filled in), end.
 */
export function PatrolPage() {
  const t = useT();
  const { locale } = useContext(I18nContext);
  const navigate = useNavigate();
  const [patrol, setPatrol] = useState<Patrol | null>(null);
  const [queued, setQueued] = useState(readQueue().length);
  const [here, setHere] = useState<Point | null>(null);
  const [noPosition, setNoPosition] = useState(false);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const notePhotos = usePickedPhotos();
  const [lastCheckIn, setLastCheckIn] = useState<CheckIn | null>(null);
  const [ended, setEnded] = useState<Patrol | null>(null);
  const [busy, setBusy] = useState(false);
  const lastKept = useRef<Point | null>(JSON.parse(localStorage.getItem(LAST_KEY) ?? 'null') as Point | null);
  const canScan = 'BarcodeDetector' in window;

  const fail = (err: unknown) => message.error(errorText(err, locale));

  // A patrol under way survives a reload of the page.
  useEffect(() => {
    const id = localStorage.getItem(PATROL_KEY);
    if (!id) return;
    api<Patrol>(`/api/patrols/${id}`).then(
      (p) => (p.endedAt ? localStorage.removeItem(PATROL_KEY) : setPatrol(p)),
      () => localStorage.removeItem(PATROL_KEY),
    );
  }, []);

  const send = useCallback(async () => {
    const id = localStorage.getItem(PATROL_KEY);
    let queue = readQueue();
    while (id && queue.length) {
      const batch = queue.slice(0, BATCH);
      try {
        const r = await api<AnswerOf<'/api/patrols/{id}/points', 'post'>>(`/api/patrols/${id}/points`, {
          body: { points: batch },
        });
        setPatrol((p) => (p ? { ...p, pointCount: r.pointCount, distanceM: r.distanceM } : p));
      } catch (err) {
        // Offline: kept for the next try. Refused: a batch the API will never take is dropped.
        if (isOffline(err)) break;
      }
      queue = readQueue().slice(batch.length);
      writeQueue(queue);
    }
    setQueued(readQueue().length);
  }, []);

  // Along the way: the position watched, kept sparingly, sent every half minute.
  useEffect(() => {
    if (!patrol || !navigator.geolocation) return;
    const watch = navigator.geolocation.watchPosition(
      (pos) => {
        const p = {
          latitude: pos.coords.latitude,
          longitude: pos.coords.longitude,
          at: new Date().toISOString(),
        };
        setHere(p);
        setNoPosition(false);
        const last = lastKept.current;
        if (
          last &&
          Date.parse(p.at) - Date.parse(last.at) < KEEP_AFTER_MS &&
          metresBetween(last, p) < KEEP_AFTER_M
        )
          return;
        lastKept.current = p;
        localStorage.setItem(LAST_KEY, JSON.stringify(p));
        writeQueue([...readQueue(), p]);
        setQueued(readQueue().length);
      },
      () => setNoPosition(true),
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    const timer = setInterval(send, SEND_EVERY_MS);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(timer);
    };
  }, [patrol, send]);

  const start = async () => {
    setBusy(true);
    try {
      const p = await api<Patrol>('/api/patrols', { method: 'POST' });
      localStorage.setItem(PATROL_KEY, p.id);
      writeQueue([]);
      localStorage.removeItem(LAST_KEY);
      lastKept.current = null;
      setEnded(null);
      setPatrol({ ...p, points: [], checkIns: [], notes: [] });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const checkIn = async (body: { code: string } | { latitude: number; longitude: number }) => {
    setBusy(true);
    try {
      const c = await api<CheckIn>(`/api/patrols/${patrol!.id}/check-ins`, { body });
      setLastCheckIn(c);
      setPatrol((p) => (p ? { ...p, checkIns: [...p.checkIns.filter((x) => x.id !== c.id), c] } : p));
      setCode('');
      message.success(t('checkedIn', { name: c.buildingName ?? c.buildingCode }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const saveNote = async () => {
    try {
      const attachmentIds = notePhotos.files.flatMap((f) => (f.id ? [f.id] : []));
      await api(`/api/patrols/${patrol!.id}/notes`, {
        body: {
          text: note,
          ...(attachmentIds.length ? { attachmentIds } : {}),
          ...(here ? { latitude: here.latitude, longitude: here.longitude } : {}),
        },
      });
      setNote('');
      notePhotos.clear();
      message.success(t('noteSaved'));
    } catch (err) {
      fail(err);
    }
  };

  const end = async () => {
    setBusy(true);
    try {
      await send();
      await api(`/api/patrols/${patrol!.id}/end`, { method: 'POST' });
      setEnded(await api<Patrol>(`/api/patrols/${patrol!.id}`));
      localStorage.removeItem(PATROL_KEY);
      setPatrol(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (!patrol)
    return (
      <Card title={t('patrol')} style={{ maxWidth: 560 }}>
        {ended && (
          <Alert
            type="success"
            data-testid="patrol-ended"
            style={{ marginBottom: 16 }}
            message={t('patrolEnded', {
              n: ended.pointCount,
              m: Math.round(ended.distanceM),
              c: ended.checkIns.length,
            })}
          />
        )}
        <Button type="primary" size="large" block loading={busy} onClick={start}>
          {t('startPatrol')}
        </Button>
      </Card>
    );

  return (
    <Card title={t('patrol')} style={{ maxWidth: 560 }}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text data-testid="patrol-status">
          {t('patrolUnderWay', { n: patrol.pointCount, m: Math.round(patrol.distanceM) })}
        </Typography.Text>
        {queued > 0 && <Typography.Text type="secondary">{t('patrolQueued', { n: queued })}</Typography.Text>}
        {noPosition && <Alert type="warning" message={t('patrolNoPosition')} />}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            inputMode="numeric"
            placeholder={t('buildingCodeInput')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="building-code"
          />
          <Button
            type="primary"
            disabled={!code.trim()}
            loading={busy}
            onClick={() => checkIn({ code: code.trim() })}
          >
            {t('checkInByCode')}
          </Button>
        </Space.Compact>
        {canScan && (
          <label>
            <Button onClick={(e) => (e.currentTarget.nextElementSibling as HTMLInputElement | null)?.click()}>
              {t('scanCode')}
            </Button>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              onChange={async (e) => {
                const file = e.target.files?.[0];
                const found = file && (await codeInPhoto(file).catch(() => null));
                if (found) await checkIn({ code: found });
              }}
            />
          </label>
        )}
        <Button block disabled={!here} loading={busy} onClick={() => here && checkIn(here)}>
          {t('checkInHere')}
        </Button>
        <div data-testid="check-ins">
          {patrol.checkIns.map((c) => (
            <Tag key={c.id} color="green">
              {(c as CheckIn).buildingName ?? c.buildingCode}
            </Tag>
          ))}
        </div>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          placeholder={t('patrolNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <PhotoPicker photos={notePhotos} accept={PHOTO_TYPES} />
        <Button disabled={!note.trim() || notePhotos.uploading} onClick={saveNote}>
          {t('addNote')}
        </Button>
        <Button
          danger
          block
          onClick={() =>
            navigate(`/report?address=${encodeURIComponent(lastCheckIn?.address ?? '')}&from=patrol`)
          }
        >
          {t('reportProblem')}
        </Button>
        <Button type="primary" block loading={busy} onClick={end}>
          {t('endPatrol')}
        </Button>
      </Space>
    </Card>
  );
}
