// The register kinds the import understands besides the case ledger, by their `--kind` name.
import { childrenKind } from './children';
import { elderlyKind } from './elderly';
import { facilitiesKind } from './facilities';
import { orgsKind } from './orgs';
import type { RegisterKind, RegisterKindDef } from './spec';

export const REGISTER_KINDS: Record<RegisterKind, RegisterKindDef<string>> = {
  facilities: facilitiesKind as unknown as RegisterKindDef<string>,
  elderly: elderlyKind as unknown as RegisterKindDef<string>,
  orgs: orgsKind as unknown as RegisterKindDef<string>,
  children: childrenKind as unknown as RegisterKindDef<string>,
};

export function registerKind(kind: RegisterKind): RegisterKindDef<string> {
  return REGISTER_KINDS[kind];
}

export type { RegisterKind } from './spec';
