import { Button, Card, Image, Space, Typography } from 'antd';
import type { AnswerOf } from '../api';
import { useT } from '../i18n';

/** A photo or video of a case (GET /api/events/:id's files). */
export type CaseFile = Pick<AnswerOf<'/api/events/{id}'>['files'][number], 'id' | 'name' | 'contentType'>;

/**
 * What the reporter brought from the field: photos and videos (served by the API, scoped like the
 * case), the phone's position (WGS-84), and the printable 办理单.
 */
export function CaseMedia({
  eventId,
  files,
  latitude,
  longitude,
}: {
  eventId: string;
  files: CaseFile[];
  latitude: number | null;
  longitude: number | null;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('attachments')}
      extra={
        <Button
          size="small"
          href={`/api/events/${eventId}/sheet.pdf`}
          target="_blank"
          data-testid="print-sheet"
        >
          {t('printSheet')}
        </Button>
      }
    >
      <Space direction="vertical">
        {latitude !== null && longitude !== null && (
          <Typography.Text data-testid="case-location">
            {t('location')}：{latitude.toFixed(5)}, {longitude.toFixed(5)}（WGS-84）
          </Typography.Text>
        )}
        <Space wrap data-testid="case-files">
          {files.map((f) =>
            f.contentType.startsWith('image/') ? (
              <Image key={f.id} src={`/api/attachments/${f.id}`} alt={f.name} width={120} />
            ) : (
              <video key={f.id} src={`/api/attachments/${f.id}`} controls width={240} />
            ),
          )}
        </Space>
      </Space>
    </Card>
  );
}
