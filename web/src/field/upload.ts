import { ApiFailure, UNREACHABLE, type AnswerOf } from '../api';

export type Uploaded = AnswerOf<'/api/attachments', 'post'>;

/** Sends one file as the request body (its own type); the API checks type, size and content. */
export async function uploadFile(file: File): Promise<Uploaded> {
  let res: Response;
  try {
    res = await fetch(`/api/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    // No connection: the caller keeps the file (a draft) rather than losing it.
    throw new ApiFailure(0, UNREACHABLE);
  }
  const data = await res.json().catch(() => null);
  if (!res.ok || !data) throw new ApiFailure(res.status, data?.error ?? UNREACHABLE);
  return data as Uploaded;
}
