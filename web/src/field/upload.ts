import { ApiFailure, type AnswerOf } from '../api';

export type Uploaded = AnswerOf<'/api/attachments', 'post'>;

/** Sends one file as the request body (its own type); the API checks type, size and content. */
export async function uploadFile(file: File): Promise<Uploaded> {
  const res = await fetch(`/api/attachments?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  });
  const data = await res.json();
  if (!res.ok) throw new ApiFailure(res.status, data.error);
  return data as Uploaded;
}
