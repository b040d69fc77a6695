import { callControlV1, callControlV1Package } from '@zvonar/proto-ts';
import type { RpcGroup } from '../../rpc/rpc-route';

/** Calls with their timelines, and the simulated telephony's callees: CallsService as REST. */
export const callsRoutes: RpcGroup = {
  name: 'call-control',
  grpcPackage: callControlV1Package,
  service: callControlV1.CALLS_SERVICE_NAME,
  scope: 'campaigns',
  routes: [
    { method: 'GET', path: '/api/v1/projects/:projectId/calls', rpc: 'ListCalls', items: 'calls', scope: 'reports.read' },
    { method: 'GET', path: '/api/v1/calls/:callId', rpc: 'GetCall', scope: 'reports.read' },
    { method: 'PUT', path: '/api/v1/projects/:projectId/simulation', rpc: 'ConfigureSimulation', answer: 'simulation' },
    { method: 'GET', path: '/api/v1/projects/:projectId/simulation', rpc: 'GetSimulation', answer: 'simulation' },
  ],
};
