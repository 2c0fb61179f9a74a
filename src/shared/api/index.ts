// The whole API contract: one map of method name -> spec, combined from the capability slices.
import { z } from 'zod';
import { authApi } from './auth';
import { townshipApi } from './township';
import { casesApi } from './cases';
import { stationsApi } from './stations';
import { orgsApi } from './orgs';
import { reportsApi } from './reports';
import { exchangeApi } from './exchange';
import { safetyApi } from './safety';
import { attachmentsApi } from './attachments';
import { networkApi } from './network';
import { childrenApi } from './children';
import { aidApi } from './aid';
import { deliveryApi } from './delivery';
import { restoreApi } from './restore';
import { lifeEventsApi } from './lifeevents';
import { compareApi } from './compare';
import { discoveryApi } from './discovery';
import { villageApi } from './village';
import { workApi } from './work';
import { batchesApi } from './batches';

// zod's built-in messages in Simplified Chinese (field-specific messages are written in the slices).
z.config(z.locales.zhCN());

export const api = {
  ...authApi,
  ...townshipApi,
  ...casesApi,
  ...stationsApi,
  ...orgsApi,
  ...reportsApi,
  ...exchangeApi,
  ...safetyApi,
  ...attachmentsApi,
  ...networkApi,
  ...childrenApi,
  ...aidApi,
  ...deliveryApi,
  ...restoreApi,
  ...lifeEventsApi,
  ...compareApi,
  ...discoveryApi,
  ...villageApi,
  ...workApi,
  ...batchesApi,
};

export type Api = typeof api;
export type MethodName = keyof Api;
export * from './contract';
