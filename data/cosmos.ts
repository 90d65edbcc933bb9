import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { Agent } from 'node:https';

export interface CosmosSettings {
  endpoint: string;
  key: string;
  databaseId: string;
}

/** 127.0.0.0/8, ::1 and localhost: the only hosts whose self-signed certificate we accept. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The client options for an endpoint. A loopback endpoint (the embedded server, the official emulator) may
 * present a self-signed certificate and has no other regions to discover; every other endpoint gets the
 * SDK's defaults, with full certificate checks.
 */
export function cosmosClientOptions(settings: Pick<CosmosSettings, 'endpoint' | 'key'>): CosmosClientOptions {
  const options: CosmosClientOptions = { endpoint: settings.endpoint, key: settings.key };
  if (isLoopbackEndpoint(settings.endpoint)) {
    options.agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
    // One local endpoint: nothing to discover, and no background refresh timer (botbuilder-azure's storage
    // creates a client of its own that it never disposes, whose timer would keep the process alive).
    options.connectionPolicy = { enableEndpointDiscovery: false, enableBackgroundEndpointRefreshing: false };
  }
  return options;
}

/** The one factory every part of the product gets its Cosmos client from. */
export function createCosmosClient(settings: Pick<CosmosSettings, 'endpoint' | 'key'>): CosmosClient {
  return new CosmosClient(cosmosClientOptions(settings));
}
