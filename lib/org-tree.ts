/**
 * The paths of one subtree as a range, so the (state, orgPath, dueDate, redAt) index answers it
 * with a range scan in any collation: "/BA/BA-XA/" ≤ path < "/BA/BA-XA0" ('0' follows '/').
 */
export function subtreeRange(path: string) {
  return { gte: path, lt: `${path.slice(0, -1)}0` };
}
