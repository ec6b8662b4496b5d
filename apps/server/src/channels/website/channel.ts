import { z } from 'zod';
import type { TChannel } from '../../platform/channels.ts';

/**
 * The website widget: visitors write through the widget's own routes (their token names their
 * contact, the widget opens their conversations), and replies reach them over their sockets, which
 * mark them delivered and read. So it has no address, no outbox and no provider statuses.
 */
export const websiteChannel: TChannel = {
  type: 'website',
  settings: z.object({}).passthrough(),
  secrets: z.object({}),
  address: null,
  deliver: null,
  statuses: {},
};
