import { useContext, useEffect, useRef, useState } from 'react';
import { Button, Card, message, Space, Tag, Typography } from 'antd';
import { errorText } from '../api';
import { I18nContext, useT } from '../i18n';
import { uploadFile } from './upload';
import { isOffline } from './drafts';

/** What the upload takes (the API checks it again): photos, and videos where a page allows them. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic';
export const MEDIA_TYPES = `${PHOTO_TYPES},video/mp4,video/quicktime,video/webm`;

/** A photo as picked: uploaded (id), or kept here while there is no connection (file); a preview for images. */
export type Picked = { key: string; name: string; id?: string; file?: File; preview?: string };

/**
 * The photos one control picks: each uploaded as it is picked, shown as a thumbnail before the
 * report or the step is sent. With `keepOffline` (事件上报's drafts) a photo picked without a
 * connection stays on the phone to go with the draft; elsewhere that is an error.
 */
export function usePickedPhotos({ keepOffline = false }: { keepOffline?: boolean } = {}) {
  const { locale } = useContext(I18nContext);
  const [files, setFiles] = useState<Picked[]>([]);
  const [uploading, setUploading] = useState(false);
  const add = async (list: FileList | null) => {
    if (!list?.length) return;
    setUploading(true);
    try {
      for (const file of Array.from(list)) {
        const picked: Picked = {
          key: `${file.name}:${file.size}:${file.lastModified}:${Math.random()}`,
          name: file.name,
          preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
        };
        try {
          const { id } = await uploadFile(file);
          setFiles((f) => [...f, { ...picked, id }]);
        } catch (err) {
          if (keepOffline && isOffline(err)) setFiles((f) => [...f, { ...picked, file }]);
          else {
            if (picked.preview) URL.revokeObjectURL(picked.preview);
            message.error(errorText(err, locale));
          }
        }
      }
    } finally {
      setUploading(false);
    }
  };
  const remove = (key: string) =>
    setFiles((all) => {
      const gone = all.find((f) => f.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return all.filter((f) => f.key !== key);
    });
  const clear = () =>
    setFiles((all) => {
      for (const f of all) if (f.preview) URL.revokeObjectURL(f.preview);
      return [];
    });
  return { files, uploading, add, remove, clear };
}

export type PickedPhotos = ReturnType<typeof usePickedPhotos>;

/**
 * The one upload control of the app (事件上报, a step's photo field such as 处置后照片): a button
 * of ours opening the browser's file field (which would speak the browser's language), and the
 * picked files as thumbnails, each removable.
 */
export function PhotoPicker({
  photos,
  accept = MEDIA_TYPES,
  multiple = true,
  id,
}: {
  photos: PickedPhotos;
  accept?: string;
  multiple?: boolean;
  /** The file field's id, for a label pointing at it. */
  id?: string;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const { files, uploading, add, remove } = photos;
  // Previews are the page's memory: gone with the control.
  const kept = useRef(files);
  kept.current = files;
  useEffect(() => () => kept.current.forEach((f) => f.preview && URL.revokeObjectURL(f.preview)), []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => input.current?.click()} loading={uploading}>
        {t('addPhoto')}
      </Button>
      <input
        ref={input}
        id={id}
        hidden
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={t('addPhoto')}
        data-testid="photo-input"
        disabled={uploading}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
      <Space wrap data-testid="picked-files">
        {files.map((f) => (
          <Card
            key={f.key}
            size="small"
            style={{ width: 120 }}
            cover={
              f.preview ? (
                <img src={f.preview} alt={f.name} style={{ height: 90, objectFit: 'cover' }} />
              ) : undefined
            }
          >
            <Typography.Text ellipsis style={{ display: 'block' }}>
              {f.name}
            </Typography.Text>
            {f.file && <Tag color="orange">{t('pendingUpload')}</Tag>}
            <Button size="small" type="link" onClick={() => remove(f.key)}>
              {t('removeFile')}
            </Button>
          </Card>
        ))}
      </Space>
    </Space>
  );
}
