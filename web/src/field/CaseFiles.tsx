import { Image, Space, Typography } from 'antd';
import type { AnswerOf } from '../api';
import { useTryT } from '../i18n';

/** A photo, video or file of a case, as a task's answer lists it (GET /api/tasks/:key's files). */
export type CaseFileItem = AnswerOf<'/api/tasks/{key}'>['files'][number];

/** A file uploaded to the case (GET /api/events/:id's files) as the list below shows it. */
export const uploadedFile = (f: {
  id: string;
  name: string;
  contentType: string;
  field: string | null;
}): CaseFileItem => ({
  name: f.name,
  url: `/api/attachments/${f.id}`,
  contentType: f.contentType,
  field: f.field,
});

/**
 * Files as thumbnails (photos), players (videos) or links (anything else, and references kept
 * elsewhere, which the page's Content-Security-Policy would not show inline); a reference without
 * an address by name.
 */
export function FileThumbs({ files }: { files: CaseFileItem[] }) {
  return (
    <Space wrap>
      {files.map((f, i) =>
        !f.url ? (
          <Typography.Text key={i}>{f.name}</Typography.Text>
        ) : f.contentType?.startsWith('video/') ? (
          <video key={i} src={f.url} controls width={240} />
        ) : f.contentType?.startsWith('image/') ? (
          <Image key={i} src={f.url} alt={f.name} width={120} />
        ) : (
          <a key={i} href={f.url} target="_blank" rel="noreferrer">
            {f.name}
          </a>
        ),
      )}
    </Space>
  );
}

/**
 * A case's photos and files, whatever its loop, grouped by what brought them: the case's own
 * (the report, the file's attachments, a petition's materials) and each step's photo field
 * (处置后照片). The case page and every task's drawer show them so.
 */
export function CaseFiles({ files }: { files: CaseFileItem[] }) {
  const tryT = useTryT();
  const groups = [...new Set(files.map((f) => f.field))];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="case-files">
      {groups.map((field) => (
        <div key={field ?? ''} data-testid={field ? `files-${field}` : 'files-case'}>
          {(field || groups.length > 1) && (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              {field ? tryT(`photoField.${field}`, field) : tryT('caseOwnFiles')}
            </Typography.Text>
          )}
          <FileThumbs files={files.filter((f) => f.field === field)} />
        </div>
      ))}
    </Space>
  );
}
