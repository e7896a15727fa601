import { Button, Card, Space, Typography } from 'antd';
import type { AnswerOf } from '../api';
import { useT } from '../i18n';
import { CaseFiles, uploadedFile } from './CaseFiles';

/** A photo or video of a case (GET /api/events/:id's files). */
export type CaseFile = AnswerOf<'/api/events/{id}'>['files'][number];

/**
 * What the reporter brought from the field and the handler after (处置后照片): photos and videos
 * (served by the API, scoped like the case), the phone's position (WGS-84), and the printable 办理单.
 */
export function CaseMedia({
  eventId,
  files,
  links,
  latitude,
  longitude,
}: {
  eventId: string;
  files: CaseFile[];
  /** Files the report named by link (an intake channel's). */
  links: { name: string; url: string }[];
  latitude: number | null;
  longitude: number | null;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('attachments')}
      data-testid="case-media"
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
      <Space orientation="vertical" style={{ width: '100%' }}>
        {latitude !== null && longitude !== null && (
          <Typography.Text data-testid="case-location">
            {t('location')}：{latitude.toFixed(5)}, {longitude.toFixed(5)}（WGS-84）
          </Typography.Text>
        )}
        <CaseFiles
          files={[
            ...files.map(uploadedFile),
            ...links.map((l) => ({ ...l, contentType: null, field: null })),
          ]}
        />
      </Space>
    </Card>
  );
}
