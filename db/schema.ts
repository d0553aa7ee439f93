// The whole data model of Passerelle. Times are UTC epoch milliseconds; calendar dates
// (rollout planned/delivered) are ISO `YYYY-MM-DD` strings in Paris local time.
// One file per part of the model under db/schema/; this file is what the code and drizzle-kit import.
export * from './schema/places';
export * from './schema/accounts';
export * from './schema/catalog';
export * from './schema/registrations';
export * from './schema/attendance';
export * from './schema/messages';
export * from './schema/platform';
export * from './schema/interest';
export * from './schema/training';
export * from './schema/readiness';
export { AUDIENCES, EQUIPMENT_KINDS, ROLES, type EquipmentKind, type Role } from './schema/shared';
