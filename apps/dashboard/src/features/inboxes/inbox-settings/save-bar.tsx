import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import type { InboxDraft } from './use-inbox-draft';

/** Stays at the bottom of the page: what the form's changes are at, Discard and Save. */
export function SaveBar({ form }: { form: InboxDraft }) {
  const { update, isDirty } = form;
  return (
    <div className="sticky bottom-0 z-10 border-line border-t bg-surface/95 backdrop-blur-sm">
      <div className="mx-auto flex w-full max-w-5xl items-center justify-end gap-3 px-6 py-3 xl:px-8">
        <div className="min-w-0 flex-1" aria-live="polite">
          {update.isSuccess && !isDirty ? (
            <Alert tone="success" className="py-1.5">
              Settings saved. The widget picks them up on its next page load.
            </Alert>
          ) : form.isShowingErrors ? (
            <Alert className="py-1.5">Fix the highlighted fields, then save again.</Alert>
          ) : form.serverErrors.form ? (
            <Alert className="py-1.5">{form.serverErrors.form}</Alert>
          ) : isDirty ? (
            <p className="text-fg-muted text-xs">You have unsaved changes.</p>
          ) : null}
        </div>
        <Button onClick={form.discard} disabled={!isDirty || update.isPending}>
          Discard
        </Button>
        <Button type="submit" variant="primary" isPending={update.isPending}>
          Save
        </Button>
      </div>
    </div>
  );
}
