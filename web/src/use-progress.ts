import { useEffect, useState } from 'react';
import { api, type AnswerOf } from './api';

export type RequestProgress = AnswerOf<'/api/progress/{id}'>;

const POLL_MS = 500;

/**
 * Where one's long request stands while it runs: `start()` gives the id the request carries
 * (`progressId`), and the API's figures are polled until `stop()`.
 */
export function useProgress() {
  const [id, setId] = useState<string>();
  const [progress, setProgress] = useState<RequestProgress>();
  useEffect(() => {
    if (!id) return;
    let live = true;
    const timer = setInterval(() => {
      api<RequestProgress>(`/api/progress/${id}`).then(
        (p) => live && setProgress(p),
        // A lost poll is only a figure not updated; the request itself answers.
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [id]);
  return {
    progress: id ? progress : undefined,
    start: () => {
      const next = crypto.randomUUID();
      setProgress(undefined);
      setId(next);
      return next;
    },
    stop: () => setId(undefined),
  };
}
