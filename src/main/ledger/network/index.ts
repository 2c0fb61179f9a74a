// The network capability's public face: what the API layer, the hosts and higher capabilities may import.
export { networkHandlers, readNetworkSettings } from './handlers';
