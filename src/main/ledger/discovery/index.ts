// The discovery capability's public face: what the API layer, the hosts and higher capabilities may import.
export { discoveryHandlers } from './handlers';
export { runDiscoveryIfDue } from './service';
