// Contract slice: 养老服务台账 — service facilities (licences, ratings, subsidies, monthly figures, safety
// inspections, complaints) and the register of elderly people with special difficulties with their visits.
// The input schemas are exported so forms validate as the clerk types with the same rules the core applies.
import { z } from 'zod';
import { method } from './contract';
import { id, month, paging, type Page } from './fields';
import {
  ELDERLY_CATEGORIES,
  FACILITY_STATUSES,
  FACILITY_TYPES,
  RISK_LEVELS,
  complaintAddInput,
  complaintCloseInput,
  elderlyEndInput,
  elderlyRegisterInput,
  elderlyUpdateInput,
  facilityCloseInput,
  facilityCreateInput,
  facilityOpenInput,
  facilityUpdateInput,
  inspectionAddInput,
  inspectionCloseInput,
  licenceAddInput,
  monthImportInput,
  monthSaveInput,
  ratingAddInput,
  serviceAddInput,
  settingsPutInput,
  subsidyAddInput,
  visitAddInput,
  voidInput,
} from './stations-inputs';
import type {
  ComplaintView,
  ElderlyFigures,
  ElderlySettings,
  ElderlySummary,
  ElderlyView,
  FacilityMonthView,
  FacilitySummary,
  FacilityView,
  InspectionView,
  ServiceRecordView,
  VisitRateReport,
  VisitView,
} from './stations-views';

export * from './stations-inputs';
export * from './stations-views';

const page = paging(200, 50);
const monthField = month();

export const stationsApi = {
  'stations.facilities.list': method<Page<FacilitySummary>>()({
    input: z.object({
      ...page,
      type: z.enum(FACILITY_TYPES).optional(),
      status: z.enum(FACILITY_STATUSES).optional(),
      villageId: z.string().optional(),
      q: z.string().max(60).optional(),
    }),
    access: 'clerk',
  }),
  'stations.facilities.get': method<FacilityView>()({ input: z.object({ id }), access: 'clerk' }),
  'stations.facilities.create': method<FacilityView>()({ input: facilityCreateInput, access: 'clerk', write: true }),
  'stations.facilities.update': method<FacilityView>()({ input: facilityUpdateInput, access: 'clerk', write: true }),
  /** 建设中 -> 运营中. */
  'stations.facilities.open': method<FacilityView>()({
    input: facilityOpenInput,
    access: 'clerk',
    write: true,
  }),
  /** -> 停止运营, with the date and the reason. */
  'stations.facilities.close': method<FacilityView>()({ input: facilityCloseInput, access: 'clerk', write: true }),
  'stations.licences.add': method<FacilityView>()({ input: licenceAddInput, access: 'clerk', write: true }),
  'stations.licences.void': method<FacilityView>()({ input: voidInput, access: 'clerk', write: true }),
  'stations.ratings.add': method<FacilityView>()({ input: ratingAddInput, access: 'clerk', write: true }),
  'stations.ratings.void': method<FacilityView>()({ input: voidInput, access: 'reviewer', write: true }),
  'stations.subsidies.add': method<FacilityView>()({ input: subsidyAddInput, access: 'clerk', write: true }),
  'stations.subsidies.void': method<FacilityView>()({ input: voidInput, access: 'reviewer', write: true }),
  'stations.months.list': method<FacilityMonthView[]>()({
    input: z.object({ facilityId: id, from: monthField.optional(), to: monthField.optional() }),
    access: 'clerk',
  }),
  'stations.months.save': method<FacilityMonthView>()({ input: monthSaveInput, access: 'clerk', write: true }),
  'stations.months.import': method<{ created: number; updated: number }>()({
    input: monthImportInput,
    access: 'clerk',
    write: true,
  }),
  'stations.inspections.list': method<InspectionView[]>()({ input: z.object({ facilityId: id }), access: 'clerk' }),
  /** Open rectifications across all facilities, earliest deadline first. */
  'stations.inspections.due': method<Page<InspectionView>>()({ input: z.object({ ...page }), access: 'clerk' }),
  'stations.inspections.add': method<InspectionView>()({ input: inspectionAddInput, access: 'clerk', write: true }),
  'stations.inspections.close': method<InspectionView>()({ input: inspectionCloseInput, access: 'clerk', write: true }),
  'stations.complaints.list': method<ComplaintView[]>()({ input: z.object({ facilityId: id }), access: 'clerk' }),
  'stations.complaints.add': method<ComplaintView>()({ input: complaintAddInput, access: 'clerk', write: true }),
  'stations.complaints.close': method<ComplaintView>()({ input: complaintCloseInput, access: 'clerk', write: true }),
  'stations.figures': method<ElderlyFigures>()({ input: z.object({ month: monthField }), access: 'clerk' }),
  'stations.settings.get': method<ElderlySettings>()({ input: z.object({}), access: 'clerk' }),
  'stations.settings.put': method<ElderlySettings>()({ input: settingsPutInput, access: 'admin', write: true }),

  'elderly.list': method<Page<ElderlySummary>>()({
    input: z.object({
      ...page,
      villageId: z.string().optional(),
      riskLevel: z.enum(RISK_LEVELS).optional(),
      category: z.enum(ELDERLY_CATEGORIES).optional(),
      status: z.enum(['active', 'ended']).optional(),
      q: z.string().max(40).optional(),
    }),
    access: 'clerk',
  }),
  'elderly.get': method<ElderlyView>()({ input: z.object({ id }), access: 'clerk' }),
  /** The full ID number; the viewing is journalled. */
  'elderly.revealId': method<{ idNumber: string }>()({ input: z.object({ id }), access: 'clerk' }),
  'elderly.register': method<ElderlyView>()({ input: elderlyRegisterInput, access: 'clerk', write: true }),
  'elderly.update': method<ElderlyView>()({ input: elderlyUpdateInput, access: 'clerk', write: true }),
  'elderly.end': method<ElderlyView>()({ input: elderlyEndInput, access: 'clerk', write: true }),
  /**
   * Who must be visited: active people whose next visit is due by `asOf` + `withinDays`, earliest first. With `month`
   * (the 工作台's 本月待探访 row): those due by the month's end and not visited in it (`withinDays` is not used).
   */
  'elderly.worklist': method<Page<ElderlySummary> & { overdue: number; asOf: string }>()({
    input: z.object({
      ...page,
      withinDays: z.number().int().min(0).max(92).default(7),
      month: monthField.optional(),
      villageId: z.string().optional(),
      overdueOnly: z.boolean().optional(),
    }),
    access: 'clerk',
  }),
  'elderly.visits.list': method<Page<VisitView>>()({
    input: z.object({ elderlyId: id, ...page }),
    access: 'clerk',
  }),
  'elderly.visits.add': method<VisitView>()({ input: visitAddInput, access: 'clerk', write: true }),
  'elderly.visits.void': method<VisitView>()({ input: voidInput, access: 'clerk', write: true }),
  /** 居家适老化改造 and 助餐 records of one person. */
  'elderly.services.list': method<ServiceRecordView[]>()({ input: z.object({ elderlyId: id }), access: 'clerk' }),
  'elderly.services.add': method<ServiceRecordView>()({ input: serviceAddInput, access: 'clerk', write: true }),
  'elderly.services.void': method<ServiceRecordView>()({ input: voidInput, access: 'clerk', write: true }),
  /** 月探访率 by village. */
  'elderly.visitRate': method<VisitRateReport>()({ input: z.object({ month: monthField }), access: 'clerk' }),
};
