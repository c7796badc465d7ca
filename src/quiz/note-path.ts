// How a note's file is named to chat users: relative to the content folder, never an absolute
// server path (which would tell every channel member how the server is laid out).
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

const inside = (root: string, path: string) => {
  const rel = relative(resolve(root), resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
};

/** `/srv/notes/aws/api-gateway.md` with content folder `/srv/notes` → `aws/api-gateway.md`. */
export function displayNotePath(path: string, contentDir?: string): string {
  if (contentDir) {
    const rel = inside(contentDir, path);
    if (rel) return rel;
  }
  if (!isAbsolute(path)) return path.split(sep).join('/');
  return inside(process.cwd(), path) ?? basename(path);
}
