import { Camunda8 } from '@camunda8/sdk';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface EngineConfig {
  ZEEBE_GRPC_ADDRESS: string;
  ZEEBE_REST_ADDRESS: string;
}

/**
 * The gRPC client for a local, unauthenticated engine (engine-only mode). A cluster with
 * OAuth is configured through the SDK's own CAMUNDA_* variables, which it reads itself.
 */
export function createZeebeClient(config: EngineConfig): ZeebeClient {
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.ZEEBE_GRPC_ADDRESS,
    ZEEBE_REST_ADDRESS: config.ZEEBE_REST_ADDRESS,
    CAMUNDA_AUTH_STRATEGY: process.env.CAMUNDA_AUTH_STRATEGY ?? 'NONE',
    CAMUNDA_SECURE_CONNECTION: process.env.CAMUNDA_SECURE_CONNECTION === 'true',
    CAMUNDA_OAUTH_DISABLED: (process.env.CAMUNDA_AUTH_STRATEGY ?? 'NONE') === 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: process.env.ZEEBE_CLIENT_LOG_LEVEL ?? 'NONE' },
  } as ConstructorParameters<typeof Camunda8>[0]);
  return c8.getZeebeGrpcApiClient();
}

/** gRPC status code the gateway answers when a job (task) no longer exists. */
export const GRPC_NOT_FOUND = 5;
