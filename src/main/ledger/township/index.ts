// The township and its villages: what other capabilities may use. Import it from here, never from a file inside (eslint
// checks).
export { createVillagesFromDivision, divisionsFor } from './service';
export { townshipHandlers } from './handlers';
