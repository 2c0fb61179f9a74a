// Users and logins: what other capabilities may use. Import it from here, never from a file inside (eslint checks).
export { APP_VERSION } from './handlers';
export { authHandlers } from './handlers';
