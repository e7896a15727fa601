import { useEffect, useMemo, useState } from 'react';
import { api, type AnswerOf } from './api';

export type Unit = AnswerOf<'/api/orgs'>['items'][number];

export interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** The units the caller may name (GET /api/orgs), as a tree for TreeSelect; roots are the units whose parent is not listed. */
export function useUnitTree(exclude?: string): UnitNode[] {
  // Fetched once; the tree is rebuilt from it when the excluded unit changes (the task arrives).
  const [items, setItems] = useState<Unit[]>([]);
  useEffect(() => {
    api<AnswerOf<'/api/orgs'>>('/api/orgs').then((r) => setItems(r.items));
  }, []);
  return useMemo(() => {
    const nodes = new Map(
      items.filter((u) => u.id !== exclude).map((u) => [u.id, { value: u.id, title: u.name, children: [] }]),
    );
    const roots: UnitNode[] = [];
    for (const u of items) {
      const node = nodes.get(u.id);
      if (!node) continue;
      const parent = u.parentId ? nodes.get(u.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }, [items, exclude]);
}
