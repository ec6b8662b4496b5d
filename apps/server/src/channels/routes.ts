// Channels: how an inbox's conversations arrive and its replies leave. An admin connects an inbox's
// channel (with its settings and credentials) and disconnects it; a disconnected inbox refuses
// inbound messages at once and keeps its replies pending until it is connected again.
import { ZConnectChannel, ZInbox } from '../inboxes/schema.ts';
import { getInbox } from '../inboxes/service.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, ZIdParam } from '../platform/schema.ts';
import * as service from './service.ts';

const tags = ['Inboxes'];

export async function channelsRoutes(app: App) {
  app.post(
    '/api/v1/inboxes/:id/channel/connect',
    {
      schema: {
        tags,
        summary: "Connect an inbox's channel (replies that waited go out)",
        params: ZIdParam,
        body: ZConnectChannel,
        response: { 200: ZInbox, ...errorResponses },
      },
    },
    async (request) => {
      await service.connectChannel(request.ctx, request.params.id, request.body ?? {});
      return getInbox(request.ctx, request.params.id);
    },
  );
  app.post(
    '/api/v1/inboxes/:id/channel/disconnect',
    {
      schema: {
        tags,
        summary: "Disconnect an inbox's channel: inbound refused at once, replies paused",
        params: ZIdParam,
        response: { 200: ZInbox, ...errorResponses },
      },
    },
    async (request) => {
      await service.disconnectChannel(request.ctx, request.params.id);
      return getInbox(request.ctx, request.params.id);
    },
  );
}
