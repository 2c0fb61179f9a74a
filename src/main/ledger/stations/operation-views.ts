// What a clerk reads of a facility's operations: a month's figures, a safety inspection (with whether its
// rectification is overdue) and a complaint.
import type { ComplaintView, FacilityMonthView, InspectionView, ServiceItemValue } from '../../../shared/api/stations';
import { camelFields } from '../kernel';
import type { FacilityComplaintsTable, FacilityInspectionsTable, FacilityMonthsTable } from './tables';

export function monthView(m: FacilityMonthsTable): FacilityMonthView {
  return {
    id: m.id,
    facilityId: m.facility_id,
    month: m.month,
    mealsServed: m.meals_served,
    mealsSubsidised: m.meals_subsidised,
    served: JSON.parse(m.served) as Partial<Record<ServiceItemValue, number>>,
    bedsOccupied: m.beds_occupied,
    note: m.note,
    version: m.version,
  };
}

const inspectionFields = camelFields<FacilityInspectionsTable>()([
  'id',
  'facility_id',
  'inspected_on',
  'kind',
  'inspectors',
  'findings',
  'status',
  'rectify_by',
  'rectified_on',
  'rectification_note',
  'version',
]);

export function inspectionView(i: FacilityInspectionsTable, facilityName: string, today: string): InspectionView {
  return {
    ...inspectionFields(i),
    facilityName,
    overdue: i.status === 'open' && i.rectify_by !== null && i.rectify_by < today,
  };
}

export const complaintView: (c: FacilityComplaintsTable) => ComplaintView = camelFields<FacilityComplaintsTable>()([
  'id',
  'facility_id',
  'received_on',
  'channel',
  'complainant',
  'content',
  'status',
  'handled_on',
  'result',
  'version',
]);
