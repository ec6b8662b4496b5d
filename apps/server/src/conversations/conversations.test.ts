import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { bootVisitor, buildInbox, buildMember, buildWorkspace, eventually } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { drainJobs, jobsOf } from '../../test/jobs.ts';
import { WAKE_SNOOZED_JOB } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function conversationWithVisitor(text = 'Hello, I need help with my order') {
  const ws = await buildWorkspace(t);
  const inbox = await buildInbox(ws);
  const visitor = await bootVisitor(t, inbox.widgetKey);
  const started = await visitor.api('POST', '/conversations', { text });
  expect(started.statusCode).toBe(201);
  return { ws, inbox, visitor, conversationId: started.json().conversation.id as string };
}

describe('conversation rules', () => {
  it('counts unread messages both ways, records the first reply and clears on read', async () => {
    const { ws, visitor, conversationId } = await conversationWithVisitor();
    await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'Are you there?' });
    let conv = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(conv.unreadByAgents).toBe(2);
    expect(conv.firstReplyAt).toBeNull();
    expect(conv.lastMessage.text).toBe('Are you there?');

    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Yes! How can I help?',
    });
    conv = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(conv.unreadByAgents).toBe(0);
    expect(conv.unreadByContact).toBe(1);
    expect(conv.firstReplyAt).not.toBeNull();

    const before = (await visitor.api('GET', '/conversations')).json().items[0];
    expect(before.unread).toBe(1);
    expect((await visitor.api('POST', `/conversations/${conversationId}/read`)).statusCode).toBe(204);
    expect((await visitor.api('GET', '/conversations')).json().items[0].unread).toBe(0);
    const messages = (await visitor.api('GET', `/conversations/${conversationId}/messages`)).json().items;
    expect(messages.at(-1)).toMatchObject({ kind: 'outgoing', status: 'read' });

    expect((await ws.api('POST', `/api/v1/conversations/${conversationId}/read`)).statusCode).toBe(204);
    const agentView = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    expect(
      agentView
        .filter((m: { kind: string }) => m.kind === 'incoming')
        .every((m: { status: string }) => m.status === 'read'),
    ).toBe(true);
  });

  it("carries the contact's phone in the conversation, so a phone-only contact is named by it", async () => {
    const { ws, visitor, conversationId } = await conversationWithVisitor();
    const contactId = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().contact.id;
    const patched = await ws.api('PATCH', `/api/v1/contacts/${contactId}`, { phone: '+44 20 7946 0958' });
    expect(patched.statusCode).toBe(200);
    const one = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(one.contact).toMatchObject({ name: null, email: null, phone: '+44 20 7946 0958' });
    const list = (await ws.api('GET', '/api/v1/conversations')).json().items;
    expect(list[0].contact.phone).toBe('+44 20 7946 0958');
    // A visitor's message goes through the grouped write; its conversation view carries the phone too.
    await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'Still here' });
    const after = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(after.contact.phone).toBe('+44 20 7946 0958');
    const conversations = (await visitor.api('GET', '/conversations')).json().items;
    expect(JSON.stringify(conversations)).not.toContain('7946');
  });

  it('keeps private notes and activity lines away from the visitor', async () => {
    const { ws, visitor, conversationId } = await conversationWithVisitor();
    await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, {
      text: 'Internal: VIP customer',
      isPrivate: true,
    });
    await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { priority: 'high' });
    const visitorMessages = (await visitor.api('GET', `/conversations/${conversationId}/messages`)).json()
      .items;
    expect(JSON.stringify(visitorMessages)).not.toContain('VIP');
    expect(visitorMessages.map((m: { kind: string }) => m.kind)).toEqual(['incoming']);
    const agentMessages = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json()
      .items;
    expect(agentMessages.map((m: { kind: string }) => m.kind)).toEqual(['incoming', 'note', 'activity']);
    expect(agentMessages[2].text).toBe('Olivia Owner set the priority to high');
  });

  it('re-opens a resolved conversation when the visitor writes again', async () => {
    const { ws, visitor, conversationId } = await conversationWithVisitor();
    expect(
      (await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'resolved' })).json()
        .status,
    ).toBe('resolved');
    await visitor.api('POST', `/conversations/${conversationId}/messages`, { text: 'One more thing' });
    expect((await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().status).toBe('open');
  });

  it('assigns only to members, snoozes only into the future, and validates input', async () => {
    const { ws, conversationId } = await conversationWithVisitor();
    const agent = await buildMember(t, ws.workspaceId, 'agent', 'Andy Agent');
    const outsider = await buildWorkspace(t);
    const assigned = await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, {
      assigneeId: agent.userId,
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignee.name).toBe('Andy Agent');
    expect((await agent.api('GET', '/api/v1/conversations?assignee=me')).json().items).toHaveLength(1);
    expect((await ws.api('GET', '/api/v1/conversations?assignee=unassigned')).json().items).toHaveLength(0);
    expect(
      (
        await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, {
          assigneeId: outsider.owner.userId,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'snoozed' })).statusCode,
    ).toBe(400);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(
      (await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { snoozedUntil: past })).statusCode,
    ).toBe(400);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, {
      snoozedUntil: future,
    });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: future });
    expect(
      (await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { status: 'closed' })).statusCode,
    ).toBe(400);
    expect(
      (await ws.api('POST', `/api/v1/conversations/${conversationId}/messages`, { text: '   ' })).statusCode,
    ).toBe(400);
  });

  it("returns a removed member's conversations to the unassigned queue and takes them off teams", async () => {
    const { ws, conversationId } = await conversationWithVisitor();
    const agent = await buildMember(t, ws.workspaceId, 'agent', 'Leaving Agent');
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Billing' })).json();
    await ws.api('PUT', `/api/v1/teams/${team.id}/members/${agent.userId}`);
    await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: agent.userId });
    expect((await ws.api('DELETE', `/api/v1/members/${agent.membershipId}`)).statusCode).toBe(204);
    expect((await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json().assignee).toBeNull();
    const teams = (await ws.api('GET', '/api/v1/teams')).json().items;
    expect(teams[0].members).toEqual([]);
  });

  it('wakes a snoozed conversation when its time comes, unless it was snoozed again', async () => {
    const { ws, conversationId } = await conversationWithVisitor();
    const other = await conversationWithVisitor();
    const soon = new Date(Date.now() + 2_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const snoozes = [
      await ws.api('PATCH', `/api/v1/conversations/${conversationId}`, { snoozedUntil: soon }),
      await other.ws.api('PATCH', `/api/v1/conversations/${other.conversationId}`, { snoozedUntil: soon }),
      await other.ws.api('PATCH', `/api/v1/conversations/${other.conversationId}`, { snoozedUntil: later }),
    ];
    expect(snoozes.map((res) => res.statusCode)).toEqual([200, 200, 200]);

    const woken = await eventually(async () => {
      const c = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
      return c.status === 'open' ? c : null;
    });
    expect(woken.snoozedUntil).toBeNull();
    const lines = (await ws.api('GET', `/api/v1/conversations/${conversationId}/messages`)).json().items;
    expect(lines.at(-1).text).toBe('The snooze ended; the conversation is open again');
    // The other conversation's first wake-up came due with this one's and has run, changing nothing.
    await drainJobs(t);
    const wakeUps = (await jobsOf(t, WAKE_SNOOZED_JOB)).filter(
      (job) => job.data.conversationId === other.conversationId,
    );
    expect(wakeUps.map((job) => [job.data.snoozedUntil, job.state])).toEqual([
      [soon, 'completed'],
      [later, 'created'],
    ]);
    const still = (await other.ws.api('GET', `/api/v1/conversations/${other.conversationId}`)).json();
    expect(still).toMatchObject({ status: 'snoozed', snoozedUntil: later });
  });

  it('pages the conversation list by last activity with a cursor and filters by status', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const visitor = await bootVisitor(t, inbox.widgetKey);
      ids.push(
        (await visitor.api('POST', '/conversations', { text: `Question ${i}` })).json().conversation.id,
      );
    }
    const first = (await ws.api('GET', '/api/v1/conversations?limit=2')).json();
    const second = (await ws.api('GET', `/api/v1/conversations?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await ws.api('GET', `/api/v1/conversations?limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((c: { id: string }) => c.id)).toEqual(
      [...ids].reverse(),
    );
    expect(third.nextCursor).toBeNull();
    await ws.api('PATCH', `/api/v1/conversations/${ids[0]}`, { status: 'resolved' });
    expect(
      (await ws.api('GET', '/api/v1/conversations?status=resolved'))
        .json()
        .items.map((c: { id: string }) => c.id),
    ).toEqual([ids[0]]);
    expect((await ws.api('GET', '/api/v1/conversations?cursor=garbage')).statusCode).toBe(400);
  });

  it('filters by priority, label, team and assignee, sorts by priority or waiting time, and counts views', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const visitor = await bootVisitor(t, inbox.widgetKey);
      ids.push(
        (await visitor.api('POST', '/conversations', { text: `Question ${i}` })).json().conversation.id,
      );
    }
    const label = (await ws.api('POST', '/api/v1/labels', { name: 'billing', color: '#ff0000' })).json();
    const team = (await ws.api('POST', '/api/v1/teams', { name: 'Support' })).json();
    await ws.api('PATCH', `/api/v1/conversations/${ids[0]}`, { priority: 'low' });
    await ws.api('PATCH', `/api/v1/conversations/${ids[1]}`, { priority: 'urgent', teamId: team.id });
    await ws.api('PATCH', `/api/v1/conversations/${ids[2]}`, {
      priority: 'high',
      assigneeId: ws.owner.userId,
    });
    await ws.api('PUT', `/api/v1/conversations/${ids[3]}/labels/${label.id}`);
    // Answering ids[4] means its contact no longer waits, and the owner who answered takes it.
    await ws.api('POST', `/api/v1/conversations/${ids[4]}/messages`, { text: 'Answered' });

    const list = async (query: string) =>
      (await ws.api('GET', `/api/v1/conversations?${query}`)).json().items.map((c: { id: string }) => c.id);
    expect(await list('priority=urgent')).toEqual([ids[1]]);
    expect(await list(`labelId=${label.id}`)).toEqual([ids[3]]);
    expect(await list(`teamId=${team.id}`)).toEqual([ids[1]]);
    expect(await list('assignee=me')).toEqual([ids[4], ids[2]]);
    const byPriority = await list('sort=priority');
    expect(byPriority.slice(0, 3)).toEqual([ids[1], ids[2], ids[0]]);
    expect(byPriority).toHaveLength(5);
    expect(await list('sort=waiting_longest')).toEqual([ids[0], ids[1], ids[2], ids[3]]);
    expect(
      await list(`createdAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
    ).toEqual([]);

    const firstPage = (await ws.api('GET', '/api/v1/conversations?sort=priority&limit=2')).json();
    const secondPage = (
      await ws.api('GET', `/api/v1/conversations?sort=priority&limit=2&cursor=${firstPage.nextCursor}`)
    ).json();
    const thirdPage = (
      await ws.api('GET', `/api/v1/conversations?sort=priority&limit=2&cursor=${secondPage.nextCursor}`)
    ).json();
    expect(
      [...firstPage.items, ...secondPage.items, ...thirdPage.items].map((c: { id: string }) => c.id),
    ).toEqual(byPriority);
    expect(thirdPage.nextCursor).toBeNull();
    expect(
      (await ws.api('GET', `/api/v1/conversations?sort=newest&cursor=${firstPage.nextCursor}`)).statusCode,
    ).toBe(400);

    expect((await ws.api('GET', '/api/v1/conversations/counts')).json()).toEqual({
      mine: 2,
      unassigned: 3,
      all: 5,
    });
  });

  it('filters by the channel of the inbox, alone and with other filters, and refuses an unknown channel', async () => {
    const ws = await buildWorkspace(t);
    const site = await buildInbox(ws, { name: 'Shop' });
    const other = await buildInbox(ws, { name: 'Future channel' });
    const start = async (widgetKey: string) => {
      const visitor = await bootVisitor(t, widgetKey);
      return (await visitor.api('POST', '/conversations', { text: 'Hi' })).json().conversation.id as string;
    };
    const first = await start(site.widgetKey);
    const second = await start(site.widgetKey);
    const elsewhere = await start(other.widgetKey);
    // Only website inboxes can be created today; a channel added later is simulated in the database.
    await t.platform.db.execute(sql`update inboxes set channel = 'email' where id = ${other.id}`);
    await ws.api('PATCH', `/api/v1/conversations/${second}`, {
      priority: 'high',
      assigneeId: ws.owner.userId,
    });

    // Newest first, so the order does not depend on the activity the changes above left.
    const list = async (query: string) =>
      (await ws.api('GET', `/api/v1/conversations?sort=newest&${query}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await list('')).toEqual([elsewhere, second, first]);
    expect(await list('channel=website')).toEqual([second, first]);
    expect(await list('channel=website&assignee=me')).toEqual([second]);
    expect(await list('channel=website&assignee=unassigned')).toEqual([first]);
    expect(await list('channel=website&priority=high&status=open')).toEqual([second]);
    expect(await list(`channel=website&inboxId=${other.id}`)).toEqual([]);
    const hourAgo = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const inAnHour = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect(await list(`channel=website&createdAfter=${hourAgo}&createdBefore=${inAnHour}`)).toEqual([
      second,
      first,
    ]);
    expect(await list(`channel=website&createdBefore=${hourAgo}`)).toEqual([]);
    const page = (await ws.api('GET', '/api/v1/conversations?sort=newest&channel=website&limit=1')).json();
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([second]);
    expect(
      (
        await ws.api(
          'GET',
          `/api/v1/conversations?sort=newest&channel=website&limit=1&cursor=${page.nextCursor}`,
        )
      )
        .json()
        .items.map((c: { id: string }) => c.id),
    ).toEqual([first]);

    for (const bad of ['email', 'WEBSITE', '']) {
      const refused = await ws.api('GET', `/api/v1/conversations?channel=${bad}`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('validation_failed');
    }
  });

  it('applies bulk changes, reporting ids it could not change (other workspaces included) without leaking them', async () => {
    const a = await conversationWithVisitor();
    const inbox2 = await buildInbox(a.ws, { name: 'Second' });
    const visitor2 = await bootVisitor(t, inbox2.widgetKey);
    const second = (await visitor2.api('POST', '/conversations', { text: 'Another' })).json().conversation.id;
    const b = await conversationWithVisitor();
    const label = (await a.ws.api('POST', '/api/v1/labels', { name: 'vip', color: '#00ff00' })).json();
    const res = await a.ws.api('POST', '/api/v1/conversations/bulk', {
      ids: [a.conversationId, second, b.conversationId],
      change: { status: 'resolved', addLabelId: label.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().updated).toEqual([a.conversationId, second]);
    expect(
      res
        .json()
        .conversations.map((c: { id: string; status: string; labels: { id: string }[] }) => [
          c.id,
          c.status,
          c.labels.map((l) => l.id),
        ]),
    ).toEqual([
      [a.conversationId, 'resolved', [label.id]],
      [second, 'resolved', [label.id]],
    ]);
    expect(res.json().failed).toEqual([
      { id: b.conversationId, code: 'not_found', message: 'Conversation not found' },
    ]);
    const resolved = (await a.ws.api('GET', '/api/v1/conversations?status=resolved')).json().items;
    expect(resolved).toHaveLength(2);
    expect(resolved.every((c: { labels: { id: string }[] }) => c.labels.some((l) => l.id === label.id))).toBe(
      true,
    );
    expect((await b.ws.api('GET', `/api/v1/conversations/${b.conversationId}`)).json().status).toBe('open');
    expect((await a.ws.api('POST', '/api/v1/conversations/bulk', { ids: [], change: {} })).statusCode).toBe(
      400,
    );
  });

  it('keeps message text encrypted at rest', async () => {
    const { ws } = await conversationWithVisitor('My card number ends in 4242 and my secret is swordfish');
    const rows = await t.platform.db.execute(
      (await import('drizzle-orm'))
        .sql`select body_sealed from messages where workspace_id = ${ws.workspaceId}`,
    );
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('swordfish');
    expect(dump).toContain('v1.');
  });

  it('the contact records browser, country, page and visits', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const boot = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      headers: {
        'user-agent':
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      },
      payload: {
        widgetKey: inbox.widgetKey,
        page: { url: 'https://shop.example/pricing', title: 'Pricing' },
        timeZone: 'Europe/Berlin',
        language: 'de-DE',
      },
    });
    const { visitorToken, pageViewId, contact } = boot.json();
    const dur = await t.app.inject({
      method: 'POST',
      url: `/api/widget/v1/page-views/${pageViewId}/duration?token=${visitorToken}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ durationMs: 42_000 }),
    });
    expect(dur.statusCode).toBe(204);
    const details = (await ws.api('GET', `/api/v1/contacts/${contact.id}`)).json();
    expect(details).toMatchObject({
      browser: 'Safari 17',
      country: 'DE',
      currentPage: 'https://shop.example/pricing',
      language: 'de-DE',
    });
    expect(details.os).toMatch(/macOS/);
    expect(details.recentPageViews[0]).toMatchObject({ title: 'Pricing', durationMs: 42_000 });
  });
});

describe('multi-tenant isolation of conversations, contacts and inboxes', () => {
  it("refuses another workspace's ids on every route", async () => {
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const inbox = await buildInbox(b);
        const visitor = await bootVisitor(t, inbox.widgetKey);
        const conversation = (await visitor.api('POST', '/conversations', { text: 'Secret of B' })).json()
          .conversation.id;
        const note = (
          await b.api('POST', `/api/v1/contacts/${visitor.contactId}/notes`, { text: 'B note' })
        ).json().id;
        const label = (await b.api('POST', '/api/v1/labels', { name: 'B label', color: '#abcdef' })).json()
          .id;
        await b.api('PUT', `/api/v1/conversations/${conversation}/labels/${label}`);
        return { inbox: inbox.id, conversation, contact: visitor.contactId, note, label };
      },
      cases: [
        { method: 'GET', route: '/api/v1/conversations/:id', id: (s) => s.conversation! },
        {
          method: 'PATCH',
          route: '/api/v1/conversations/:id',
          id: (s) => s.conversation!,
          body: { status: 'resolved' },
        },
        { method: 'GET', route: '/api/v1/conversations/:id/messages', id: (s) => s.conversation! },
        {
          method: 'POST',
          route: '/api/v1/conversations/:id/messages',
          id: (s) => s.conversation!,
          body: { text: 'hi' },
        },
        { method: 'POST', route: '/api/v1/conversations/:id/read', id: (s) => s.conversation! },
        {
          method: 'POST',
          route: '/api/v1/conversations/:id/typing',
          id: (s) => s.conversation!,
          body: { isTyping: true },
        },
        { method: 'GET', route: '/api/v1/contacts/:id', id: (s) => s.contact! },
        { method: 'GET', route: '/api/v1/contacts/:id/notes', id: (s) => s.contact! },
        { method: 'POST', route: '/api/v1/contacts/:id/notes', id: (s) => s.contact!, body: { text: 'x' } },
        {
          method: 'DELETE',
          route: '/api/v1/contacts/:id/notes/:noteId',
          ids: { id: (s) => s.contact!, noteId: (s) => s.note! },
        },
        {
          method: 'PUT',
          route: '/api/v1/conversations/:id/labels/:labelId',
          ids: { id: (s) => s.conversation!, labelId: (s) => s.label! },
        },
        {
          method: 'DELETE',
          route: '/api/v1/conversations/:id/labels/:labelId',
          ids: { id: (s) => s.conversation!, labelId: (s) => s.label! },
        },
        {
          method: 'POST',
          route: '/api/v1/contacts/:id/merge',
          id: (s) => s.contact!,
          body: { duplicateId: 'ct_0000000000000000000000000' },
        },
        { method: 'PATCH', route: '/api/v1/contacts/:id', id: (s) => s.contact!, body: { name: 'Hacked' } },
        { method: 'GET', route: '/api/v1/inboxes/:id', id: (s) => s.inbox! },
        { method: 'PATCH', route: '/api/v1/inboxes/:id', id: (s) => s.inbox!, body: { name: 'Hacked' } },
        {
          method: 'POST',
          route: '/api/v1/inboxes/:id/channel/disconnect',
          id: (s) => s.inbox!,
        },
        { method: 'POST', route: '/api/v1/inboxes/:id/channel/connect', id: (s) => s.inbox!, body: {} },
        { method: 'DELETE', route: '/api/v1/inboxes/:id', id: (s) => s.inbox! },
      ],
      verify: async (b, s) => {
        const conv = (await b.api('GET', `/api/v1/conversations/${s.conversation}`)).json();
        expect(conv.status).toBe('open');
        expect(conv.unreadByAgents).toBe(1);
        expect(conv.labels.map((l: { id: string }) => l.id)).toEqual([s.label]);
        const notes = (await b.api('GET', `/api/v1/contacts/${s.contact}/notes`)).json().items;
        expect(notes.map((n: { id: string }) => n.id)).toEqual([s.note]);
        const messages = (await b.api('GET', `/api/v1/conversations/${s.conversation}/messages`)).json()
          .items;
        expect(messages).toHaveLength(1);
        expect((await b.api('GET', `/api/v1/contacts/${s.contact}`)).json().name).toBeNull();
        const inbox = (await b.api('GET', `/api/v1/inboxes/${s.inbox}`)).json();
        expect(inbox.name).toBe('Website');
        expect(inbox.channelState.state).toBe('connected');
      },
      covers: ['/api/v1/conversations/', '/api/v1/contacts/', '/api/v1/inboxes/'],
    });
  });

  it("lists only the workspace's own conversations and contacts", async () => {
    const a = await conversationWithVisitor('A question');
    const b = await conversationWithVisitor('B question');
    const listA = (await a.ws.api('GET', '/api/v1/conversations')).json().items;
    expect(listA.map((c: { id: string }) => c.id)).toEqual([a.conversationId]);
    // The channel filter looks up inboxes within the workspace only, so B's website inbox adds nothing.
    const websiteA = (await a.ws.api('GET', '/api/v1/conversations?channel=website')).json().items;
    expect(websiteA.map((c: { id: string }) => c.id)).toEqual([a.conversationId]);
    const websiteB = (await b.ws.api('GET', '/api/v1/conversations?channel=website')).json().items;
    expect(websiteB.map((c: { id: string }) => c.id)).toEqual([b.conversationId]);
    const contactsA = (await a.ws.api('GET', '/api/v1/contacts')).json().items;
    expect(contactsA.map((c: { id: string }) => c.id)).toEqual([a.visitor.contactId]);
    expect(JSON.stringify(listA)).not.toContain(b.conversationId);
  });
});
