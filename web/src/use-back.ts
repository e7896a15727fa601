import { useNavigate } from 'react-router';

/**
 * Back to where a page was opened from (a task's drawer, a list, a notice); opened by its URL in a
 * fresh tab, to `fallback`.
 */
export function useBack(fallback: string) {
  const navigate = useNavigate();
  return () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(fallback));
}
