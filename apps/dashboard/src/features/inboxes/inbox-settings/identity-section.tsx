import { RefreshCw } from 'lucide-react';
import { type RefObject, useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { useUpdateInbox } from '../../../api/inboxes';
import type { Inbox } from '../../../api/types';
import { Button } from '../../../components/button';
import { CopyBox } from '../../../components/copy-box';
import { ConfirmDialog } from '../../../components/dialog';
import { CheckboxField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

type Props = { inbox: Inbox; form: InboxDraft; toggleRef: RefObject<HTMLInputElement | null> };

export function IdentitySection({ inbox, form, toggleRef }: Props) {
  return (
    <Section
      id="inbox-identity"
      title="Identity verification"
      description="Proves that a visitor who says they are one of your signed-in users really is."
    >
      <div className="grid max-w-2xl gap-4">
        <CheckboxField
          ref={toggleRef}
          label="Require identity verification"
          hint="Parley.identify() is refused unless userHash is HMAC-SHA256(identity secret, userId) in hex, computed on your server."
          checked={form.draft.requireIdentityVerification}
          onChange={(event) => form.change({ requireIdentityVerification: event.target.checked })}
        />
        {inbox.identitySecret ? (
          <CopyBox
            label="Identity secret"
            value={inbox.identitySecret}
            isSecret
            selectOnMount={false}
            hint="Keep it on your server; never put it in your website's code."
          />
        ) : null}
        <RotateSecret inboxId={inbox.id} />
      </div>
    </Section>
  );
}

function RotateSecret({ inboxId }: { inboxId: string }) {
  const rotate = useUpdateInbox(inboxId);
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="sm" icon={RefreshCw} onClick={() => setIsConfirming(true)}>
          Rotate secret
        </Button>
        {rotate.isSuccess ? (
          <span role="status" className="text-success-text text-xs">
            A new secret is in place.
          </span>
        ) : null}
      </div>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          rotate.reset();
        }}
        onConfirm={() =>
          rotate.mutate({ rotateIdentitySecret: true }, { onSuccess: () => setIsConfirming(false) })
        }
        title="Rotate the identity secret?"
        description="User hashes made with the current secret stop working right away. Update your server with the new secret."
        confirmLabel="Rotate secret"
        isPending={rotate.isPending}
        error={rotate.isError ? errorMessage(rotate.error) : null}
      />
    </>
  );
}
