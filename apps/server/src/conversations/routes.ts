// Conversations as agents work them: the list, one conversation with its messages, replies and
// private notes, status, priority, assignment, labels, attachments and read state.
import { z } from 'zod';
import { readUpload } from '../files/upload.ts';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { uploadAgentAttachment } from './attachments.ts';
import {
  ZAgentMessage,
  ZAttachment,
  ZConversation,
  ZConversationPatch,
  ZConversationQuery,
  ZMessage,
  ZMessagesQuery,
} from './schema.ts';
import * as service from './service.ts';
import { announceAgentTyping } from './typing.ts';

const tags = ['Conversations'];
const ZId = z.strictObject({ id: z.string().min(1).max(100) });
const ZLabelParams = z.strictObject({ id: z.string().min(1).max(100), labelId: z.string().min(1).max(100) });

export async function conversationsRoutes(app: App) {
  app.get(
    '/api/v1/conversations',
    {
      schema: {
        tags,
        summary: 'Conversations, most recent activity first',
        querystring: ZConversationQuery,
        response: {
          200: z.object({ items: z.array(ZConversation), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { limit, cursor, sort, createdAfter, createdBefore, ...filter } = request.query;
      return service.listConversationsForAgent(
        request.ctx,
        {
          ...filter,
          ...(createdAfter ? { createdAfter: new Date(createdAfter) } : {}),
          ...(createdBefore ? { createdBefore: new Date(createdBefore) } : {}),
        },
        { limit, cursor, sort },
      );
    },
  );

  app.post(
    '/api/v1/conversations/bulk',
    {
      schema: {
        tags,
        summary: 'Apply one change to many conversations (each succeeds or fails on its own)',
        body: z.strictObject({
          ids: z.array(z.string().min(1).max(100)).min(1).max(100),
          change: ZConversationPatch.extend({ addLabelId: z.string().max(100).optional() }),
        }),
        response: {
          200: z.object({
            updated: z.array(z.string()),
            /** The changed conversations as they now are, in the order of `updated`. */
            conversations: z.array(ZConversation),
            failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.updateConversations(request.ctx, request.body.ids, request.body.change),
  );

  app.get(
    '/api/v1/conversations/counts',
    {
      schema: {
        tags,
        summary: 'Open conversations in the main views (mine, unassigned, all)',
        response: {
          200: z.object({ mine: z.number(), unassigned: z.number(), all: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.countConversationViews(request.ctx),
  );

  app.get(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags,
        summary: 'One conversation',
        params: ZId,
        response: { 200: ZConversation, ...errorResponses },
      },
    },
    async (request) => service.getConversationForAgent(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Change status, snooze, priority, assignee or team',
        params: ZId,
        body: ZConversationPatch,
        response: { 200: ZConversation, ...errorResponses },
      },
    },
    async (request) => service.updateConversationByAgent(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages of a conversation, oldest first, paged backwards with ?before=',
        params: ZId,
        querystring: ZMessagesQuery,
        response: { 200: z.object({ items: z.array(ZMessage), hasMore: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => service.listMessagesForAgent(request.ctx, request.params.id, request.query),
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply, or add a private note with isPrivate',
        params: ZId,
        body: ZAgentMessage,
        response: { 201: ZMessage, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.postAgentMessage(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/conversations/:id/read',
    {
      schema: {
        tags,
        summary: "Mark the contact's messages read",
        params: ZId,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.markReadByAgent(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/conversations/:id/typing',
    {
      schema: {
        tags,
        summary: 'Tell the visitor an agent is typing (the team only, for a private note)',
        params: ZId,
        body: z.strictObject({ isTyping: z.boolean(), isPrivate: z.boolean().optional() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await announceAgentTyping(request.ctx, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/conversations/:id/labels/:labelId',
    {
      schema: {
        tags,
        summary: 'Add a label',
        params: ZLabelParams,
        response: { 200: ZConversation, ...errorResponses },
      },
    },
    async (request) => service.setLabel(request.ctx, request.params.id, request.params.labelId, true),
  );

  app.delete(
    '/api/v1/conversations/:id/labels/:labelId',
    {
      schema: {
        tags,
        summary: 'Remove a label',
        params: ZLabelParams,
        response: { 200: ZConversation, ...errorResponses },
      },
    },
    async (request) => service.setLabel(request.ctx, request.params.id, request.params.labelId, false),
  );

  app.post(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a file to send with a reply (multipart, field "file")',
        consumes: ['multipart/form-data'],
        response: { 201: ZAttachment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await uploadAgentAttachment(request.ctx, () => readUpload(request))),
  );
}
