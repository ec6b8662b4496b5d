import { Alert } from '../../../components/alert';
import { CopyBox } from '../../../components/copy-box';
import { Section } from '../../../components/page';

type Props = { snippet: string; isIdentityRequired: boolean; onSetUpIdentity: () => void };

export function InstallationSection({ snippet, isIdentityRequired, onSetUpIdentity }: Props) {
  return (
    <Section
      id="inbox-install"
      title="Installation"
      description="Paste this snippet before </body> on every page where the chat should appear."
    >
      <div className="grid gap-4">
        <CopyBox label="Installation snippet" value={snippet} isMultiline selectOnMount={false} />
        <IdentityAdvice isRequired={isIdentityRequired} onSetUp={onSetUpIdentity} />
      </div>
    </Section>
  );
}

/**
 * Beside the snippet, because that is where a site's team decides how to call identify(): without a
 * hash it is a claim anyone can make in their own browser.
 */
function IdentityAdvice({ isRequired, onSetUp }: { isRequired: boolean; onSetUp: () => void }) {
  if (isRequired) {
    return (
      <Alert tone="success" title="Identity verification is on">
        Parley.identify() is accepted only with a valid userHash, so nobody can pose as one of your users.
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="Recommended: verify your users’ identity">
      <p>
        If visitors sign in to your site, call Parley.identify() with a userHash computed on your server, then
        turn on Require identity verification. Without a hash, a user id is only a claim: it is never joined
        to a verified user’s conversations, and a visitor’s history does not follow them to another device.
      </p>
      <button
        type="button"
        onClick={onSetUp}
        className="mt-1 cursor-pointer font-medium underline underline-offset-2"
      >
        Set up identity verification
      </button>
    </Alert>
  );
}
