import { type FormEvent, type ReactNode, useRef } from 'react';
import type { Inbox } from '../../../api/types';
import { PageBody, PageHeader } from '../../../components/page';
import { AppearanceSection } from './appearance-section';
import { AttachmentsSection } from './attachments-section';
import { BusinessHoursSection } from './business-hours-section';
import { ChannelSection } from './channel-section';
import { GeneralSection } from './general-section';
import { IdentitySection } from './identity-section';
import { InstallationSection } from './installation-section';
import { MessagesSection } from './messages-section';
import { PreChatSection } from './pre-chat-section';
import { ReplyToResolvedSection } from './reply-to-resolved-section';
import { SaveBar } from './save-bar';
import { useInboxDraft } from './use-inbox-draft';

/** One inbox's settings, each section a part of one form saved together (the channel acts at once). */
export function InboxForm({ inbox, backLink }: { inbox: Inbox; backLink: ReactNode }) {
  const form = useInboxDraft(inbox);
  const identityToggle = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.save();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <PageHeader title={inbox.name} description={backLink} />
      <PageBody>
        <GeneralSection form={form} />
        <ChannelSection inbox={inbox} />
        <InstallationSection
          snippet={inbox.snippet}
          isIdentityRequired={inbox.requireIdentityVerification}
          onSetUpIdentity={() => {
            identityToggle.current?.scrollIntoView({ block: 'center' });
            identityToggle.current?.focus({ preventScroll: true });
          }}
        />
        <AppearanceSection form={form} />
        <MessagesSection form={form} />
        <PreChatSection form={form} />
        <BusinessHoursSection form={form} savedTimeZone={inbox.settings.businessHours?.timeZone} />
        <AttachmentsSection form={form} />
        <ReplyToResolvedSection form={form} />
        <IdentitySection inbox={inbox} form={form} toggleRef={identityToggle} />
      </PageBody>
      <SaveBar form={form} />
    </form>
  );
}
