import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { findUserById } from '../members/lookup.ts';
import { type Ctx, type Platform, requireUser } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import { jobKind } from '../platform/jobs.ts';
import { insertDevMail, listDevMails } from './store.ts';

export const MAIL_JOB = jobKind(
  'mail.send',
  z.object({
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().optional(),
    workspaceId: z.string().nullable(),
  }),
);

export type TMail = z.infer<typeof MAIL_JOB.payload>;

/** Transactional mail is a job enqueued in the caller's transaction: it is sent if and only if the change commits. */
export async function enqueueMail(platform: Platform, q: Queryable, mail: TMail) {
  await platform.jobs.enqueue(q, MAIL_JOB, { ...mail });
}

let transport: Transporter | null = null;
let transportUrl: string | null = null;

function smtpTransport(url: string): Transporter {
  if (!transport || transportUrl !== url) {
    transport = nodemailer.createTransport(url);
    transportUrl = url;
  }
  return transport;
}

/**
 * Without SMTP, mail goes nowhere but the developer mailbox: in production that is a mistake to make
 * loud at start. Links and bodies never go into the log.
 */
export function warnWithoutSmtp(platform: Platform) {
  if (!platform.config.SMTP_URL && platform.config.NODE_ENV === 'production') {
    platform.log.warn(
      'SMTP_URL is not set: Parley sends no email (invitations, password resets, sign-in links). Each mail is kept only in the developer mailbox of its recipient. Set SMTP_URL to send mail.',
    );
  }
}

/** The job handler: SMTP when configured, otherwise the developer mailbox (and, in development, the console). */
export async function deliverMail(platform: Platform, mail: TMail) {
  const smtpUrl = platform.config.SMTP_URL;
  if (smtpUrl) {
    await smtpTransport(smtpUrl).sendMail({
      from: platform.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
    });
    platform.log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
    return;
  }
  await insertDevMail(platform.db, {
    workspaceId: mail.workspaceId,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
  });
  platform.log.info({ subject: mail.subject }, 'mail kept in the developer mailbox (no SMTP_URL configured)');
  if (platform.config.NODE_ENV === 'development') {
    // A plain console line, outside the structured log, so a developer can follow the link.
    process.stdout.write(`\n  Mail to ${mail.to}: ${mail.subject}\n\n${mail.text.replace(/^/gm, '  ')}\n\n`);
  }
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A plain, readable mail with one call to action; text and HTML from the same words. */
export function linkMail(opts: {
  to: string;
  subject: string;
  intro: string;
  action: string;
  url: string;
  outro: string;
  workspaceId: string | null;
}): TMail {
  const text = `${opts.intro}\n\n${opts.action}: ${opts.url}\n\n${opts.outro}\n\n— Parley`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111">
<p>${escapeHtml(opts.intro)}</p>
<p><a href="${escapeHtml(opts.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(opts.action)}</a></p>
<p style="color:#555">${escapeHtml(opts.outro)}</p>
<p style="color:#888;font-size:12px">If the button does not work, open this link: ${escapeHtml(opts.url)}</p>
</body></html>`;
  return { to: opts.to, subject: opts.subject, text, html, workspaceId: opts.workspaceId };
}

/** The mail kept for the signed-in person while no SMTP server is configured, newest first. */
export async function devMailbox(ctx: Ctx) {
  requireUser(ctx);
  if (ctx.platform.config.SMTP_URL) {
    return { enabled: false, items: [] };
  }
  const user = await findUserById(ctx.platform.db, ctx.actor.userId);
  const rows = user ? await listDevMails(ctx.platform.db, user.email, 100) : [];
  return { enabled: true, items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}
