// The register kinds the import understands besides the case ledger, by their `--kind` name.
import type { RegisterKindDef } from './engine';
import { elderlyKind } from './elderly';
import { facilitiesKind } from './facilities';
import { orgsKind } from './orgs';
import type { RegisterKind } from './spec';

export const REGISTER_KINDS: Partial<Record<RegisterKind, RegisterKindDef<string>>> = {
  facilities: facilitiesKind as unknown as RegisterKindDef<string>,
  elderly: elderlyKind as unknown as RegisterKindDef<string>,
  orgs: orgsKind as unknown as RegisterKindDef<string>,
};

export function registerKind(kind: RegisterKind): RegisterKindDef<string> {
  const def = REGISTER_KINDS[kind];
  if (!def) throw new Error(`register kind ${kind} missing`);
  return def;
}

export type { RegisterKind } from './spec';
