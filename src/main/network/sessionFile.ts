// The office host's sessions on disk (<ledger>.files/network/sessions.json): token hashes, the actor and the last
// activity — no tokens, no passwords. Written to a temp name and renamed; unreadable or foreign content is ignored
// (the clerks then log in again, nothing else is lost).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionPersistence } from '../api/sessions';

export function sessionFile(path: string): SessionPersistence {
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
        const out: ReturnType<SessionPersistence['load']> = {};
        for (const [h, s] of Object.entries(data as Record<string, unknown>)) {
          const v = s as {
            actor?: { id?: unknown; username?: unknown; name?: unknown; role?: unknown };
            lastSeen?: unknown;
          };
          const a = v?.actor;
          if (
            /^[0-9a-f]{64}$/.test(h) &&
            typeof v.lastSeen === 'number' &&
            a &&
            typeof a.id === 'string' &&
            typeof a.username === 'string' &&
            typeof a.name === 'string' &&
            (a.role === 'clerk' || a.role === 'reviewer' || a.role === 'admin')
          )
            out[h] = { actor: { id: a.id, username: a.username, name: a.name, role: a.role }, lastSeen: v.lastSeen };
        }
        return out;
      } catch {
        return {};
      }
    },
    save(sessions) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(sessions), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    },
  };
}
