// 儿童福利 (children in difficulty): what other capabilities may use.
export { childFigures } from './figures';
export { childrenHandlers } from './handlers';
export { CATEGORY_LABEL as CHILD_CATEGORY_LABEL } from './rules';
export type { ChildrenTables } from './tables';
