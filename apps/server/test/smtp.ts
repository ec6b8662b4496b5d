import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TReceivedMail = { to: string; subject: string; text: string; html: string; parsed: ParsedMail };

/** A real SMTP server inside the test: Parley sends through nodemailer, the test reads what arrived. */
export async function startSmtpServer() {
  const inbox: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          inbox.push({
            to: to ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || '',
            parsed,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first https?:// link in a mail's text. */
export function linkIn(mail: { text: string }): string {
  const m = /https?:\/\/\S+/.exec(mail.text);
  if (!m) {
    throw new Error(`no link in mail: ${mail.text}`);
  }
  return m[0];
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) {
    throw new Error(`no token in ${link}`);
  }
  return token;
}
